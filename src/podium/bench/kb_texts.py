"""Real-looking passages for the knowledge base's benchmark (benchmark 9), in the six languages.

Statements of a Global Compact for Migration session are made of sentences like these: each
language has its own bank (written for the benchmark, not translated one from another), with a
country and a number filled in, and a passage is a random run of them of 60–120 words (two
Chinese characters counting as one word, as `podium.kb.passages.units` counts them). What the
benchmark needs from them is their length, their scripts and a vocabulary in which some words
are common and others rare, so that the full-text half scans and matches as it would in a real
record.
"""

from __future__ import annotations

import random
from typing import Final

from podium.kb.passages import units

LANGUAGES: Final = ("ar", "zh", "en", "fr", "ru", "es")

COUNTRIES: Final = {
    "ar": ["المغرب", "الأردن", "مصر", "تونس", "لبنان", "السودان", "العراق", "الجزائر"],
    "zh": ["中国", "菲律宾", "孟加拉国", "墨西哥", "尼日利亚", "越南", "印度", "埃塞俄比亚"],
    "en": ["Bangladesh", "Mexico", "Nigeria", "the Philippines", "Germany", "Kenya", "Nepal"],
    "fr": ["Sénégal", "Mali", "Maroc", "Côte d'Ivoire", "Haïti", "Niger", "Tunisie", "Tchad"],
    "ru": ["Таджикистан", "Кыргызстан", "Узбекистан", "Казахстан", "Армения", "Молдова"],
    "es": ["México", "Guatemala", "Honduras", "El Salvador", "Colombia", "Ecuador", "Perú"],
}

SENTENCES: Final = {
    "en": [
        "The cost of sending remittances to {c} still averages {n} per cent, far above the "
        "target of three per cent set by the 2030 Agenda.",
        "Our delegation calls for the recognition of skills and qualifications acquired abroad, "
        "so that returning migrants can find decent work.",
        "Sudden-onset disasters and slow environmental degradation displaced more than {n} "
        "thousand people in {c} last year alone.",
        "We urge States to end the detention of migrant children and to develop community-based "
        "alternatives that respect their best interests.",
        "Reliable, disaggregated data on migration remain scarce, and national statistical "
        "offices need sustained support to collect them.",
        "Consular protection must be available to every national abroad, regardless of their "
        "migration status or the sector in which they work.",
        "Fair and ethical recruitment means that no worker should pay fees to obtain a job, and "
        "that contracts are written in a language they understand.",
        "The diaspora of {c} contributes to development through investment, knowledge transfer "
        "and philanthropy, not only through remittances.",
        "Trafficking networks exploit the lack of regular pathways; expanding those pathways is "
        "the most effective way to dismantle them.",
        "Women migrant workers, many of them employed in domestic work, face particular risks "
        "of abuse and deserve specific labour protections.",
        "Return and reintegration programmes succeed only when they are voluntary, sustainable "
        "and designed together with local communities.",
        "Xenophobia and hate speech against migrants undermine social cohesion, and evidence-"
        "based public discourse is our shared responsibility.",
        "Border management should be integrated, secure and coordinated, while fully respecting "
        "the human rights of everyone who crosses.",
        "Access to basic services, including health care and education, should not depend on a "
        "person's migration status.",
        "In {y}, {c} adopted a national action plan that brings together ministries, local "
        "authorities, employers and civil society.",
        "We thank the co-facilitators for their leadership and look forward to a compact that is "
        "ambitious, balanced and people-centred.",
    ],
    "fr": [
        "Le coût des transferts de fonds vers le {c} atteint encore {n} pour cent en moyenne, "
        "bien au-delà de l'objectif de trois pour cent.",
        "Notre délégation demande la reconnaissance des compétences et des diplômes acquis à "
        "l'étranger, afin que les migrants de retour trouvent un travail décent.",
        "Les catastrophes soudaines et la dégradation lente de l'environnement ont déplacé plus "
        "de {n} mille personnes au {c} l'an dernier.",
        "Nous exhortons les États à mettre fin à la rétention des enfants migrants et à "
        "développer des solutions de remplacement fondées sur la communauté.",
        "Les données fiables et ventilées sur les migrations restent rares, et les instituts "
        "nationaux de statistique ont besoin d'un appui durable.",
        "La protection consulaire doit être assurée à tout ressortissant à l'étranger, quel que "
        "soit son statut migratoire ou son secteur d'activité.",
        "Un recrutement équitable et éthique signifie qu'aucun travailleur ne paie de frais pour "
        "obtenir un emploi, et que les contrats sont rédigés dans sa langue.",
        "La diaspora du {c} contribue au développement par l'investissement, le transfert de "
        "connaissances et la philanthropie.",
        "Les réseaux de traite profitent de l'absence de voies régulières ; les élargir est le "
        "moyen le plus efficace de les démanteler.",
        "Les travailleuses migrantes, souvent employées comme domestiques, sont exposées à des "
        "risques particuliers d'abus et méritent une protection spécifique.",
        "Les programmes de retour et de réintégration ne réussissent que s'ils sont volontaires, "
        "durables et conçus avec les communautés locales.",
        "La xénophobie et les discours de haine envers les migrants minent la cohésion sociale ; "
        "un débat public fondé sur des faits est notre responsabilité commune.",
        "La gestion des frontières doit être intégrée, sûre et coordonnée, dans le plein respect "
        "des droits de l'homme de toute personne qui les franchit.",
        "L'accès aux services de base, y compris la santé et l'éducation, ne devrait pas dépendre "
        "du statut migratoire d'une personne.",
        "En {y}, le {c} a adopté un plan d'action national qui réunit les ministères, les "
        "autorités locales, les employeurs et la société civile.",
        "Nous remercions les co-facilitateurs et souhaitons un pacte ambitieux, équilibré et "
        "centré sur les personnes.",
    ],
    "es": [
        "El costo de enviar remesas a {c} sigue siendo del {n} por ciento en promedio, muy por "
        "encima de la meta del tres por ciento.",
        "Nuestra delegación pide el reconocimiento de las competencias y los títulos obtenidos en "
        "el extranjero, para que los migrantes que regresan encuentren trabajo decente.",
        "Los desastres repentinos y la degradación ambiental lenta desplazaron a más de {n} mil "
        "personas en {c} el año pasado.",
        "Instamos a los Estados a poner fin a la detención de niños migrantes y a desarrollar "
        "alternativas basadas en la comunidad.",
        "Los datos fiables y desglosados sobre migración siguen siendo escasos, y las oficinas "
        "nacionales de estadística necesitan apoyo sostenido.",
        "La protección consular debe estar al alcance de todo nacional en el extranjero, sea "
        "cual sea su situación migratoria o el sector en que trabaje.",
        "Una contratación justa y ética significa que ningún trabajador pague comisiones por un "
        "empleo y que los contratos estén redactados en su idioma.",
        "La diáspora de {c} contribuye al desarrollo mediante la inversión, la transferencia de "
        "conocimientos y la filantropía.",
        "Las redes de trata se aprovechan de la falta de vías regulares; ampliarlas es la forma "
        "más eficaz de desmantelarlas.",
        "Las trabajadoras migrantes, muchas de ellas empleadas en el trabajo doméstico, enfrentan "
        "riesgos particulares de abuso y merecen protección laboral específica.",
        "Los programas de retorno y reintegración solo tienen éxito cuando son voluntarios, "
        "sostenibles y diseñados con las comunidades locales.",
        "La xenofobia y el discurso de odio contra los migrantes socavan la cohesión social; un "
        "debate público basado en pruebas es nuestra responsabilidad compartida.",
        "La gestión de las fronteras debe ser integrada, segura y coordinada, con pleno respeto "
        "de los derechos humanos de todas las personas que las cruzan.",
        "El acceso a los servicios básicos, incluidas la salud y la educación, no debería "
        "depender de la situación migratoria de una persona.",
        "En {y}, {c} aprobó un plan de acción nacional que reúne a los ministerios, las "
        "autoridades locales, los empleadores y la sociedad civil.",
        "Agradecemos a los cofacilitadores su liderazgo y esperamos un pacto ambicioso, "
        "equilibrado y centrado en las personas.",
    ],
    "ru": [
        "Стоимость денежных переводов в {c} по-прежнему составляет в среднем {n} процентов, что "
        "намного выше целевого показателя в три процента.",
        "Наша делегация призывает признавать навыки и квалификации, полученные за рубежом, чтобы "
        "возвращающиеся мигранты могли найти достойную работу.",
        "Внезапные стихийные бедствия и медленная деградация окружающей среды вынудили более {n} "
        "тысяч человек в {c} покинуть свои дома в прошлом году.",
        "Мы призываем государства прекратить содержание детей-мигрантов под стражей и развивать "
        "альтернативы на основе местных сообществ.",
        "Надёжных и дезагрегированных данных о миграции по-прежнему мало, и национальным "
        "статистическим службам нужна постоянная поддержка.",
        "Консульская защита должна быть доступна каждому гражданину за рубежом независимо от его "
        "миграционного статуса и сферы занятости.",
        "Справедливый и этичный наём означает, что ни один работник не платит за получение "
        "работы, а договор составлен на понятном ему языке.",
        "Диаспора {c} вносит вклад в развитие через инвестиции, передачу знаний и "
        "благотворительность, а не только через переводы.",
        "Сети торговцев людьми пользуются отсутствием законных путей миграции; их расширение — "
        "самый действенный способ разрушить эти сети.",
        "Женщины-мигранты, многие из которых заняты домашним трудом, подвергаются особому риску "
        "насилия и заслуживают особой защиты трудовых прав.",
        "Программы возвращения и реинтеграции успешны лишь тогда, когда они добровольны, "
        "устойчивы и разработаны вместе с местными общинами.",
        "Ксенофобия и язык вражды в отношении мигрантов подрывают социальную сплочённость; "
        "основанный на фактах общественный диалог — наша общая ответственность.",
        "Управление границами должно быть комплексным, безопасным и скоординированным при полном "
        "соблюдении прав человека каждого, кто их пересекает.",
        "Доступ к базовым услугам, включая здравоохранение и образование, не должен зависеть от "
        "миграционного статуса человека.",
        "В {y} году {c} принял национальный план действий, объединяющий министерства, местные "
        "органы власти, работодателей и гражданское общество.",
        "Мы благодарим сокоординаторов за руководство и рассчитываем на амбициозный, "
        "сбалансированный и ориентированный на людей договор.",
    ],
    "ar": [
        "لا تزال تكلفة إرسال التحويلات المالية إلى {c} تبلغ في المتوسط {n} في المائة، وهي أعلى "
        "بكثير من هدف الثلاثة في المائة.",
        "يدعو وفدنا إلى الاعتراف بالمهارات والمؤهلات المكتسبة في الخارج، حتى يتمكن المهاجرون "
        "العائدون من إيجاد عمل لائق.",
        "أدت الكوارث المفاجئة والتدهور البيئي البطيء إلى تشريد أكثر من {n} ألف شخص في {c} خلال "
        "العام الماضي وحده.",
        "نحث الدول على إنهاء احتجاز الأطفال المهاجرين وعلى تطوير بدائل قائمة على المجتمع المحلي "
        "تحترم مصالحهم الفضلى.",
        "لا تزال البيانات الموثوقة والمصنفة عن الهجرة نادرة، وتحتاج المكاتب الإحصائية الوطنية "
        "إلى دعم مستدام لجمعها.",
        "يجب أن تكون الحماية القنصلية متاحة لكل مواطن في الخارج، بصرف النظر عن وضعه من حيث "
        "الهجرة أو القطاع الذي يعمل فيه.",
        "التوظيف العادل والأخلاقي يعني ألا يدفع أي عامل رسوماً للحصول على وظيفة، وأن تكتب العقود "
        "بلغة يفهمها.",
        "تسهم جالية {c} في الخارج في التنمية من خلال الاستثمار ونقل المعارف والعمل الخيري، وليس "
        "من خلال التحويلات وحدها.",
        "تستغل شبكات الاتجار بالبشر غياب المسارات النظامية، وتوسيع هذه المسارات هو أنجع وسيلة "
        "لتفكيكها.",
        "تواجه العاملات المهاجرات، ويعمل كثير منهن في الخدمة المنزلية، مخاطر خاصة من الإساءة "
        "ويستحققن حماية عمالية محددة.",
        "لا تنجح برامج العودة وإعادة الإدماج إلا إذا كانت طوعية ومستدامة ومصممة بالتعاون مع "
        "المجتمعات المحلية.",
        "تقوض كراهية الأجانب وخطاب الكراهية ضد المهاجرين التماسك الاجتماعي، والخطاب العام القائم "
        "على الأدلة مسؤوليتنا المشتركة.",
        "ينبغي أن تكون إدارة الحدود متكاملة وآمنة ومنسقة، مع الاحترام الكامل لحقوق الإنسان لكل "
        "من يعبرها.",
        "لا ينبغي أن يتوقف الحصول على الخدمات الأساسية، بما فيها الرعاية الصحية والتعليم، على "
        "وضع الشخص من حيث الهجرة.",
        "في عام {y}، اعتمدت {c} خطة عمل وطنية تجمع الوزارات والسلطات المحلية وأصحاب العمل "
        "والمجتمع المدني.",
        "نشكر الميسرين المشاركين على قيادتهم ونتطلع إلى اتفاق طموح ومتوازن يضع الإنسان في صميمه.",
    ],
    "zh": [
        "向{c}汇款的平均成本仍为百分之{n}，远高于《2030年议程》确定的百分之三的目标。",
        "我国代表团呼吁承认在国外获得的技能和资格，使回返移民能够找到体面的工作。",
        "去年，突发灾害和缓慢的环境退化仅在{c}就造成{n}多万人流离失所。",
        "我们敦促各国停止拘留移民儿童，并发展尊重儿童最大利益的社区替代办法。",
        "可靠的、按类别分列的移民数据仍然匮乏，各国统计部门需要持续的支持。",
        "无论移民身份或所从事的行业如何，每一位在国外的公民都应得到领事保护。",
        "公平和合乎道德的招聘意味着任何工人都不应为获得工作而付费，合同应使用其能理解的语言。",
        "{c}的海外侨民不仅通过汇款，还通过投资、知识转让和慈善事业为发展作出贡献。",
        "贩运网络利用正常移民渠道的缺乏牟利，扩大这些渠道是瓦解这些网络的最有效方式。",
        "许多女性移民工人从事家政工作，面临特殊的虐待风险，应当得到专门的劳动保护。",
        "回返和重新融入方案只有在自愿、可持续并与当地社区共同设计时才能成功。",
        "针对移民的仇外心理和仇恨言论破坏社会凝聚力，以事实为依据的公共讨论是我们的共同责任。",
        "边境管理应当是综合、安全和协调的，同时充分尊重每一位过境者的人权。",
        "获得包括医疗和教育在内的基本服务，不应取决于一个人的移民身份。",
        "{y}年，{c}通过了一项国家行动计划，把各部委、地方当局、雇主和民间社会聚集在一起。",
        "我们感谢共同协调人的领导，期待一项雄心勃勃、平衡并以人为本的契约。",
    ],
}


def passage(language: str, rng: random.Random) -> str:
    """One passage of 60–120 words in `language`: a random run of its bank's sentences."""
    target = rng.randint(60, 120)
    bank = SENTENCES[language]
    order = rng.sample(range(len(bank)), len(bank))
    out: list[str] = []
    size = 0
    for i in order:
        s = bank[i].format(
            c=rng.choice(COUNTRIES[language]), n=rng.randint(2, 95), y=rng.randint(2005, 2018)
        )
        n = units(s)
        if out and size + n > 120:
            continue
        out.append(s)
        size += n
        if size >= target:
            break
    return ("" if language == "zh" else " ").join(out)


def passages(n: int, seed: int = 17) -> list[tuple[str, str]]:
    """`n` (language, text) pairs, the six languages in turn."""
    rng = random.Random(seed)
    return [(lang, passage(lang, rng)) for lang in (LANGUAGES[i % 6] for i in range(n))]


# Queries of the latency benchmark, per language: common words, rarer ones, several words (all
# of which must match for the full-text half), and words found in no passage.
QUERIES: Final = {
    "en": [
        "remittances",
        "cost of remittances",
        "climate displacement",
        "detention of migrant children",
        "skills recognition for returning migrants",
        "consular protection",
        "ethical recruitment fees",
        "xenophobia",
        "seasonal agricultural workers visas",
        "data",
    ],
    "fr": [
        "transferts de fonds",
        "migrants climatiques",
        "rétention des enfants",
        "recrutement équitable",
        "protection consulaire des ressortissants",
        "diaspora",
        "travailleuses domestiques",
        "quotas de visas saisonniers",
    ],
    "es": [
        "remesas",
        "desplazamiento por desastres",
        "niños migrantes detenidos",
        "trata de personas",
        "reconocimiento de títulos",
        "visados humanitarios temporales",
    ],
    "ru": [
        "денежные переводы",
        "трудовые мигранты",
        "защита детей",
        "ксенофобия",
        "сезонные квоты",
    ],
    "ar": ["التحويلات المالية", "احتجاز الأطفال", "العاملات المهاجرات", "تأشيرات موسمية"],
    "zh": ["汇款成本", "移民儿童", "领事保护", "季节性签证"],
}
