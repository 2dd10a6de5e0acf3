"""Passages written for the drafting help's calibration and tests: what a delegation might say,
in the six languages, each with the objective of the compact it addresses (None: about none —
courtesies, procedure, migration in general). `podium.kb.tests.calibrate_themes` measures the
placing of `podium.kb.themes` on them; none of them is one of `themes.EMPTY_TALK`."""

from __future__ import annotations

from typing import Final

# (language, objective or None, text)
CORPUS: Final[tuple[tuple[str, int | None, str], ...]] = (
    (
        "en",
        1,
        "Without reliable and disaggregated data on migration, by sex, age and migratory status, we cannot design evidence-based policies. We support strengthening national statistical offices.",
    ),
    (
        "fr",
        1,
        "Nous avons besoin de données fiables et ventilées sur les migrations pour élaborer des politiques fondées sur des éléments probants.",
    ),
    (
        "ru",
        1,
        "Без точных и дезагрегированных данных о миграции невозможно разрабатывать политику, основанную на фактических данных. Мы поддерживаем укрепление национальных статистических служб.",
    ),
    ("ar", 1, "نحتاج إلى بيانات دقيقة ومصنفة عن الهجرة لوضع سياسات قائمة على الأدلة."),
    ("zh", 1, "我们需要准确、分类的移民数据，作为循证政策的基础。"),
    (
        "es",
        1,
        "Necesitamos datos precisos y desglosados sobre la migración para diseñar políticas basadas en evidencia.",
    ),
    (
        "en",
        2,
        "Sea-level rise, drought and recurrent cyclones are already forcing people in our coastal districts to leave their homes. We must address the adverse effects of climate change and natural disasters that compel people to move.",
    ),
    (
        "es",
        2,
        "Los desastres naturales y el cambio climático obligan a miles de familias a abandonar sus hogares en nuestra región cada año.",
    ),
    (
        "fr",
        2,
        "La désertification et les sécheresses répétées au Sahel privent les éleveurs de leurs moyens de subsistance et les poussent à partir. Il faut investir dans l'adaptation et la résilience des communautés.",
    ),
    (
        "ar",
        2,
        "يؤدي التصحر وارتفاع درجات الحرارة وندرة المياه إلى تهجير المجتمعات الريفية. يجب معالجة الآثار السلبية لتغير المناخ التي تجبر الناس على مغادرة أوطانهم.",
    ),
    (
        "zh",
        2,
        "海平面上升、干旱和洪水等气候变化的不利影响正在迫使沿海和农村居民离开家园。国际社会应加强防灾减灾和气候适应。",
    ),
    (
        "ru",
        2,
        "Изменение климата, засухи и наводнения вынуждают жителей сельских районов покидать свои дома. Необходимо устранять неблагоприятные факторы, которые заставляют людей мигрировать.",
    ),
    (
        "en",
        2,
        "Poverty, unemployment and the lack of opportunities for young people remain the main reasons why people leave. Investing in decent jobs at home gives people a real choice to stay.",
    ),
    (
        "fr",
        2,
        "La pauvreté et le chômage des jeunes sont les premières causes du départ. Nous devons créer des perspectives économiques dans les pays d'origine pour que la migration soit un choix et non une nécessité.",
    ),
    (
        "en",
        2,
        "Armed conflict and persecution have displaced millions in our region. Conflict prevention and peacebuilding are essential to address the root causes of forced displacement.",
    ),
    (
        "ar",
        2,
        "أدت النزاعات المسلحة والأزمات التي من صنع الإنسان إلى نزوح الملايين. إن منع النزاعات وبناء السلام ضروريان لمعالجة الأسباب الجذرية للهجرة القسرية.",
    ),
    (
        "es",
        2,
        "La violencia y los conflictos armados obligan a miles de personas a huir; hay que atacar las causas profundas del desplazamiento.",
    ),
    ("zh", 2, "贫困和失业是人们离开家园的主要原因，应在原籍国创造体面的就业机会。"),
    (
        "fr",
        3,
        "Les migrants doivent disposer d'informations exactes et opportunes sur leurs droits et les voies légales avant le départ.",
    ),
    (
        "es",
        4,
        "Muchos migrantes carecen de documentos de identidad. Hemos simplificado la expedición de pasaportes y actas de nacimiento en nuestros consulados.",
    ),
    (
        "en",
        5,
        "We call for more regular pathways: labour mobility schemes, family reunification and humanitarian visas for people displaced by disasters.",
    ),
    (
        "es",
        5,
        "Proponemos ampliar las vías de migración regular, como los programas de movilidad laboral regional y las visas humanitarias.",
    ),
    ("zh", 5, "我们呼吁扩大正常移民渠道，包括劳动力流动计划和家庭团聚。"),
    (
        "ru",
        5,
        "Необходимо расширять возможности для легальной миграции, включая программы трудовой мобильности.",
    ),
    (
        "es",
        6,
        "Los trabajadores migrantes no deben pagar comisiones de contratación. Promovemos la contratación equitativa y ética y el trabajo decente.",
    ),
    (
        "en",
        6,
        "Recruitment agencies charge migrant workers exorbitant fees and confiscate their passports. We call for fair and ethical recruitment and decent working conditions.",
    ),
    (
        "fr",
        6,
        "Les travailleurs migrants ne doivent pas payer de frais de recrutement; nous défendons un recrutement équitable et un travail décent.",
    ),
    (
        "en",
        7,
        "Unaccompanied children, pregnant women and persons with disabilities face particular vulnerabilities along the way and need protection and assistance.",
    ),
    (
        "ru",
        7,
        "Несопровождаемые дети и женщины особенно уязвимы в ходе миграции и нуждаются в защите и помощи.",
    ),
    (
        "en",
        8,
        "Thousands of migrants die each year in the desert and at sea. Saving lives through search and rescue and identifying missing migrants must be a shared responsibility.",
    ),
    (
        "es",
        8,
        "Miles de migrantes mueren o desaparecen en las rutas migratorias. Es urgente salvar vidas y coordinar la búsqueda de los migrantes desaparecidos.",
    ),
    (
        "ar",
        8,
        "يموت آلاف المهاجرين في البحر كل عام؛ يجب إنقاذ الأرواح وتنسيق الجهود بشأن المهاجرين المفقودين.",
    ),
    (
        "fr",
        9,
        "Les réseaux de passeurs exploitent le désespoir des migrants. Nous devons renforcer la coopération transnationale contre le trafic illicite de migrants.",
    ),
    (
        "en",
        10,
        "Trafficking in persons is a grave violation of human rights. We have adopted a national action plan to prevent trafficking, prosecute traffickers and protect victims, especially women and children.",
    ),
    (
        "ar",
        10,
        "الاتجار بالأشخاص جريمة خطيرة. يجب منع الاتجار ومقاضاة المتجرين وحماية الضحايا ولا سيما النساء والأطفال.",
    ),
    ("zh", 10, "我们坚决打击人口贩运，保护受害者，特别是妇女和儿童，并加强国际执法合作。"),
    (
        "ru",
        10,
        "Торговля людьми — тяжкое преступление. Мы должны предупреждать его, преследовать торговцев и защищать жертв.",
    ),
    (
        "es",
        10,
        "La trata de personas es un delito grave: debemos prevenirla, sancionar a los tratantes y proteger a las víctimas.",
    ),
    (
        "ar",
        11,
        "نعمل على إدارة حدودنا بطريقة متكاملة وآمنة ومنسقة مع احترام حقوق الإنسان للمهاجرين.",
    ),
    (
        "en",
        13,
        "Children should never be detained because of their migration status. Detention must be a last resort, and alternatives to detention exist.",
    ),
    (
        "ru",
        14,
        "Наши консульства оказывают защиту и помощь гражданам за рубежом на всех этапах миграции.",
    ),
    (
        "fr",
        15,
        "Tous les migrants, quel que soit leur statut, doivent avoir accès aux soins de santé, à l'éducation et aux services de base.",
    ),
    (
        "ar",
        15,
        "يجب ضمان حصول جميع المهاجرين على الخدمات الأساسية، بما في ذلك الرعاية الصحية والتعليم، بغض النظر عن وضعهم.",
    ),
    ("zh", 15, "所有移民，无论其身份如何，都应能够获得医疗、教育等基本服务。"),
    (
        "en",
        16,
        "Language courses, civic orientation and community programmes help migrants and host societies build social cohesion.",
    ),
    (
        "en",
        17,
        "Xenophobia and racism against migrants are on the rise. We must combat discrimination and promote an evidence-based public narrative on the positive contributions of migrants.",
    ),
    (
        "es",
        17,
        "Rechazamos la xenofobia y la discriminación contra los migrantes y promovemos un discurso público basado en datos.",
    ),
    ("zh", 17, "我们反对针对移民的仇外心理和歧视，应以事实为基础引导公众舆论。"),
    (
        "ru",
        17,
        "Мы осуждаем ксенофобию и дискриминацию мигрантов и призываем к объективному общественному дискурсу.",
    ),
    ("zh", 18, "我们应投资技能培训，促进技能、资格和学历的相互认可，使移民能够充分发挥其才能。"),
    (
        "en",
        18,
        "Mutual recognition of qualifications and skills would let nurses and engineers work in their profession instead of taking jobs far below their training.",
    ),
    (
        "en",
        19,
        "Our diaspora invests in businesses, schools and hospitals at home. We have created a diaspora bond and a one-stop office so that migrants can contribute to the sustainable development of their communities of origin.",
    ),
    (
        "es",
        19,
        "La diáspora es un motor del desarrollo: sus inversiones y conocimientos contribuyen al desarrollo sostenible de nuestras comunidades de origen.",
    ),
    (
        "zh",
        19,
        "海外侨民通过投资、技术和知识转移为原籍国的可持续发展作出贡献。我们应为侨民参与发展创造有利条件。",
    ),
    (
        "ar",
        19,
        "يساهم المغتربون في تنمية بلدانهم الأصلية من خلال الاستثمار ونقل المعارف والمهارات.",
    ),
    (
        "ru",
        19,
        "Диаспора вносит вклад в устойчивое развитие страны происхождения через инвестиции и передачу знаний.",
    ),
    (
        "fr",
        19,
        "Les diasporas contribuent au développement durable de leurs pays d'origine par leurs investissements et leurs savoir-faire.",
    ),
    (
        "en",
        20,
        "The cost of sending remittances remains far too high: a migrant worker sending two hundred dollars home still pays more than seven per cent. We call for reducing transaction costs to below three per cent, as target 10.c of the Sustainable Development Goals requires.",
    ),
    (
        "es",
        20,
        "Las remesas representan más del diez por ciento de nuestro producto interno bruto. Pedimos reducir los costos de transferencia y promover la inclusión financiera de los migrantes y sus familias.",
    ),
    (
        "fr",
        20,
        "Les envois de fonds des migrants sont une bouée de sauvetage pour des millions de familles. Nous appelons à réduire les frais de transfert et à encourager l'accès des migrants aux services bancaires et au paiement mobile.",
    ),
    (
        "ar",
        20,
        "تشكل التحويلات المالية للمهاجرين مصدر دخل أساسي لملايين الأسر في بلداننا. ندعو إلى خفض تكاليف التحويل وتعزيز الشمول المالي للمهاجرين.",
    ),
    (
        "zh",
        20,
        "侨汇是许多发展中国家家庭的重要收入来源。我们呼吁降低汇款成本，推动移民的普惠金融，让汇款更快、更安全、更便宜。",
    ),
    (
        "ru",
        20,
        "Денежные переводы мигрантов составляют значительную часть доходов домохозяйств в нашей стране. Мы призываем снизить стоимость переводов и расширить доступ мигрантов к финансовым услугам.",
    ),
    (
        "ru",
        21,
        "Мы выступаем за безопасное и достойное возвращение мигрантов и их устойчивую реинтеграцию в общество.",
    ),
    (
        "en",
        21,
        "Returning migrants need support for sustainable reintegration: jobs, housing and psychosocial care, in dignity.",
    ),
    ("ar", 21, "ندعو إلى التعاون من أجل عودة المهاجرين بشكل آمن وكريم وإعادة إدماجهم بشكل مستدام."),
    (
        "fr",
        22,
        "Les travailleurs migrants doivent pouvoir conserver leurs droits à pension lorsqu'ils rentrent chez eux: la portabilité des droits de sécurité sociale est essentielle.",
    ),
    (
        "en",
        23,
        "No country can manage migration alone. International cooperation and partnerships between countries of origin, transit and destination are indispensable.",
    ),
    ("zh", 23, "任何国家都无法单独应对移民问题，必须加强国际合作和全球伙伴关系。"),
    ("ar", 23, "لا يمكن لأي دولة أن تدير الهجرة بمفردها؛ التعاون الدولي والشراكات ضروريان."),
    (
        "ru",
        23,
        "Ни одна страна не может в одиночку управлять миграцией: необходимо международное сотрудничество.",
    ),
    (
        "en",
        None,
        "Thank you, Madam Co-Facilitator. My delegation aligns itself with the statement delivered on behalf of the Group of 77 and China.",
    ),
    ("fr", None, "Nous remercions les co-facilitateurs pour l'organisation de cette session."),
    (
        "es",
        None,
        "Señora Presidenta, permítame felicitarla por su elección y asegurarle el pleno apoyo de mi delegación.",
    ),
    ("ar", None, "شكراً سيدتي الرئيسة. نشكر الميسرين المشاركين على تنظيم هذه الجلسة المهمة."),
    ("zh", None, "谢谢主席女士。我国代表团感谢两位共同协调人组织本次会议。"),
    (
        "ru",
        None,
        "Благодарю вас, госпожа председатель. Наша делегация присоединяется к заявлению, сделанному от имени Группы.",
    ),
    (
        "en",
        None,
        "I will be brief, as time is short. The full text of our statement will be made available on PaperSmart.",
    ),
    (
        "en",
        None,
        "We look forward to the next informal thematic session in Geneva and to continuing this dialogue.",
    ),
    (
        "es",
        None,
        "Finalmente, reiteramos nuestro compromiso con este proceso y agradecemos a los panelistas por sus presentaciones.",
    ),
    ("fr", None, "Je vais maintenant passer à mon deuxième point, avant de conclure."),
    ("en", None, "Migration is a complex and multidimensional phenomenon that concerns all of us."),
    (
        "ru",
        None,
        "Мы внимательно выслушали выступления экспертов и хотели бы задать им два вопроса.",
    ),
    ("ar", None, "وفي الختام، نؤكد التزامنا بهذه العملية ونتطلع إلى الدورة القادمة."),
    ("zh", None, "最后，我们期待在下一次会议上继续讨论。"),
    ("es", None, "Quisiera referirme brevemente a las preguntas planteadas por la moderadora."),
    ("zh", None, "我国代表团赞同以七十七国集团加中国名义所作的发言。"),
    ("fr", None, "Ma délégation souscrit à la déclaration prononcée au nom de l'Union européenne."),
    ("ar", None, "أود أن أشكر الخبراء على عروضهم القيمة وأن أطرح سؤالا."),
    ("ru", None, "Позвольте мне кратко остановиться на трёх моментах."),
    ("en", None, "We have listened carefully to the distinguished panellists this morning."),
)
