"""Write `entity_names.json`: the names of States and organizations in the six official languages.

    .venv/bin/python src/podium/core/data/build_entity_names.py

Offline, from what ships in the repository and the installed `pycountry` (no network): for every
State of `states.csv`, the ISO 3166 / CLDR name in Arabic, Chinese, French, Russian and Spanish from
pycountry's gettext catalogues (domain `iso3166-1`), tidied (no shadda, no "ё", "و" joined), then
the UN's own short names (UNTERM) written below where they differ; English is `states.csv`'s name
(the UN's). Organizations and groups: the six names written below for the regional groups and the
main UN entities; the others keep their English name (`organizations.json`). Run it again after
changing either data file or the names below; `core/tests/test_entity_names.py` checks the result.
Never run at request time.
"""

from __future__ import annotations

import csv
import gettext
import json
import re
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
OUT = HERE / "entity_names.json"
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
PYCOUNTRY_LOCALES = {"ar": "ar", "zh-hans": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}
SOURCE = "UNTERM short names; ISO 3166 / CLDR via pycountry where UNTERM is not recorded here"

# The UN's short names (UNTERM), in the order ar, zh-hans, en, fr, ru, es, where pycountry's
# differ. "" keeps pycountry's (or states.csv's, for English).
U = dict[str, tuple[str, str, str, str, str, str]]
UN_STATES: U = {
    "TUR": ("تركيا", "土耳其", "Türkiye", "Türkiye", "Турция", "Türkiye"),
    "CIV": (
        "كوت ديفوار",
        "科特迪瓦",
        "Côte d'Ivoire",
        "Côte d'Ivoire",
        "Кот-д'Ивуар",
        "Côte d'Ivoire",
    ),
    "PRK": (
        "جمهورية كوريا الشعبية الديمقراطية",
        "朝鲜民主主义人民共和国",
        "Democratic People's Republic of Korea",
        "République populaire démocratique de Corée",
        "Корейская Народно-Демократическая Республика",
        "República Popular Democrática de Corea",
    ),
    "KOR": (
        "جمهورية كوريا",
        "大韩民国",
        "Republic of Korea",
        "République de Corée",
        "Республика Корея",
        "República de Corea",
    ),
    "IRN": (
        "إيران (جمهورية - الإسلامية)",
        "伊朗伊斯兰共和国",
        "Iran (Islamic Republic of)",
        "Iran (République islamique d')",
        "Иран (Исламская Республика)",
        "Irán (República Islámica del)",
    ),
    "BOL": (
        "بوليفيا (دولة - المتعددة القوميات)",
        "多民族玻利维亚国",
        "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)",
        "Боливия (Многонациональное Государство)",
        "Bolivia (Estado Plurinacional de)",
    ),
    "VEN": (
        "فنزويلا (جمهورية - البوليفارية)",
        "委内瑞拉玻利瓦尔共和国",
        "Venezuela (Bolivarian Republic of)",
        "Venezuela (République bolivarienne du)",
        "Венесуэла (Боливарианская Республика)",
        "Venezuela (República Bolivariana de)",
    ),
    "TZA": (
        "جمهورية تنزانيا المتحدة",
        "坦桑尼亚联合共和国",
        "United Republic of Tanzania",
        "République-Unie de Tanzanie",
        "Объединенная Республика Танзания",
        "República Unida de Tanzanía",
    ),
    "RUS": (
        "الاتحاد الروسي",
        "俄罗斯联邦",
        "Russian Federation",
        "Fédération de Russie",
        "Российская Федерация",
        "Federación de Rusia",
    ),
    "SYR": (
        "الجمهورية العربية السورية",
        "阿拉伯叙利亚共和国",
        "Syrian Arab Republic",
        "République arabe syrienne",
        "Сирийская Арабская Республика",
        "República Árabe Siria",
    ),
    "LAO": (
        "جمهورية لاو الديمقراطية الشعبية",
        "老挝人民民主共和国",
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "Лаосская Народно-Демократическая Республика",
        "República Democrática Popular Lao",
    ),
    "MDA": (
        "جمهورية مولدوفا",
        "摩尔多瓦共和国",
        "Republic of Moldova",
        "République de Moldova",
        "Республика Молдова",
        "República de Moldova",
    ),
    "VNM": ("فييت نام", "越南", "Viet Nam", "Viet Nam", "Вьетнам", "Viet Nam"),
    "NLD": (
        "هولندا (مملكة -)",
        "荷兰王国",
        "Netherlands (Kingdom of the)",
        "Pays-Bas (Royaume des)",
        "Нидерланды (Королевство)",
        "Países Bajos (Reino de los)",
    ),
    "GBR": (
        "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "大不列颠及北爱尔兰联合王国",
        "United Kingdom of Great Britain and Northern Ireland",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Соединенное Королевство Великобритании и Северной Ирландии",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ),
    "USA": (
        "الولايات المتحدة الأمريكية",
        "美利坚合众国",
        "United States of America",
        "États-Unis d'Amérique",
        "Соединенные Штаты Америки",
        "Estados Unidos de América",
    ),
    "CZE": ("تشيكيا", "捷克", "Czechia", "Tchéquie", "Чехия", "Chequia"),
    "MKD": (
        "مقدونيا الشمالية",
        "北马其顿",
        "North Macedonia",
        "Macédoine du Nord",
        "Северная Македония",
        "Macedonia del Norte",
    ),
    "SWZ": ("إسواتيني", "斯威士兰", "Eswatini", "Eswatini", "Эсватини", "Eswatini"),
    "FSM": (
        "ميكرونيزيا (ولايات - الموحدة)",
        "密克罗尼西亚联邦",
        "Micronesia (Federated States of)",
        "Micronésie (États fédérés de)",
        "Микронезия (Федеративные Штаты)",
        "Micronesia (Estados Federados de)",
    ),
    "PSE": (
        "دولة فلسطين",
        "巴勒斯坦国",
        "State of Palestine",
        "État de Palestine",
        "Государство Палестина",
        "Estado de Palestina",
    ),
    "VAT": ("الكرسي الرسولي", "教廷", "Holy See", "Saint-Siège", "Святой Престол", "Santa Sede"),
    "COD": (
        "جمهورية الكونغو الديمقراطية",
        "刚果民主共和国",
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "Демократическая Республика Конго",
        "República Democrática del Congo",
    ),
    "COG": ("الكونغو", "刚果", "Congo", "Congo", "Конго", "Congo"),
    "CAF": (
        "جمهورية أفريقيا الوسطى",
        "",
        "",
        "",
        "Центральноафриканская Республика",
        "",
    ),
    "DOM": ("الجمهورية الدومينيكية", "", "", "", "Доминиканская Республика", ""),
    "ZAF": ("جنوب أفريقيا", "", "", "", "", ""),
    "BLR": ("بيلاروس", "", "", "", "", "Belarús"),
    "HUN": ("هنغاريا", "", "", "", "", ""),
    "MNE": ("الجبل الأسود", "", "", "", "", ""),
    "SRB": ("صربيا", "", "", "", "", ""),
    "LTU": ("ليتوانيا", "", "", "", "", ""),
    "SAU": ("المملكة العربية السعودية", "", "", "", "", "Arabia Saudita"),
    "ARE": ("الإمارات العربية المتحدة", "阿拉伯联合酋长国", "", "", "", ""),
    "BGD": ("بنغلاديش", "孟加拉国", "", "", "", "Bangladesh"),
    "CPV": ("كابو فيردي", "", "", "Cabo Verde", "", ""),
    "TLS": ("تيمور - ليشتي", "", "", "Timor-Leste", "Тимор-Лешти", "Timor-Leste"),
    "MMR": ("", "", "", "Myanmar", "", "Myanmar"),
    "KHM": ("", "柬埔寨", "", "", "", ""),
    "GTM": ("", "危地马拉", "", "", "", ""),
    "KGZ": ("قيرغيزستان", "吉尔吉斯斯坦", "", "", "Кыргызстан", ""),
    "BRN": ("بروني دار السلام", "文莱达鲁萨兰国", "", "", "", ""),
    "SLV": ("", "", "", "El Salvador", "", ""),
    "GNQ": ("", "", "", "Guinée équatoriale", "", ""),
    "IRQ": ("", "", "", "Iraq", "", "Iraq"),
    "SLB": ("جزر سليمان", "", "", "Îles Salomon", "", ""),
    "SUR": ("", "", "", "Suriname", "", "Suriname"),
    "KNA": ("سانت كيتس ونيفس", "", "", "Saint-Kitts-et-Nevis", "", "Saint Kitts y Nevis"),
    "VCT": ("سانت فنسنت وجزر غرينادين", "", "", "Saint-Vincent-et-les Grenadines", "", ""),
    "MHL": ("جزر مارشال", "", "", "", "Маршалловы Острова", ""),
    "COM": ("", "", "", "", "", "Comoras"),
    "MDV": ("ملديف", "", "", "", "", "Maldivas"),
    "TUN": ("", "", "", "", "", "Túnez"),
    "BFA": ("", "", "", "", "", "Burkina Faso"),
    "BHR": ("", "", "", "", "", "Bahrein"),
    "QAT": ("", "", "", "", "", "Qatar"),
    "GNB": ("", "", "", "", "", "Guinea-Bissau"),
    "DJI": ("", "", "", "", "", "Djibouti"),
    "PLW": ("", "", "", "", "", "Palau"),
    "KAZ": ("", "", "", "", "", "Kazajstán"),
    "MWI": ("", "", "", "", "", "Malawi"),
    "BWA": ("", "", "", "", "", "Botswana"),
    "LSO": ("", "", "", "", "", "Lesotho"),
    "ZWE": ("", "", "", "", "", "Zimbabwe"),
    "KEN": ("", "", "", "", "", "Kenya"),
    "RWA": ("", "", "", "", "", "Rwanda"),
    "NZL": ("نيوزيلندا", "", "", "", "", ""),
    "NIC": ("نيكاراغوا", "", "", "", "", ""),
    "PRY": ("باراغواي", "", "", "", "", ""),
    "PER": ("بيرو", "", "", "", "", ""),
    "URY": ("أوروغواي", "", "", "", "", ""),
    "ECU": ("إكوادور", "", "", "", "", ""),
    "ATG": ("أنتيغوا وبربودا", "", "", "", "", ""),
    "STP": ("سان تومي وبرينسيبي", "", "", "", "", ""),
    "IRL": ("آيرلندا", "", "", "", "", ""),
}

# Groups and organizations (English: organizations.json's name).
UN_ORGANIZATIONS: U = {
    "AFRICAN": (
        "مجموعة الدول الأفريقية",
        "非洲国家组",
        "",
        "Groupe des États d'Afrique",
        "Группа африканских государств",
        "Grupo de los Estados de África",
    ),
    "APG": (
        "مجموعة دول آسيا والمحيط الهادئ",
        "亚洲-太平洋国家组",
        "",
        "Groupe des États d'Asie et du Pacifique",
        "Группа азиатско-тихоокеанских государств",
        "Grupo de los Estados de Asia y el Pacífico",
    ),
    "EEG": (
        "مجموعة دول أوروبا الشرقية",
        "东欧国家组",
        "",
        "Groupe des États d'Europe orientale",
        "Группа восточноевропейских государств",
        "Grupo de los Estados de Europa Oriental",
    ),
    "GRULAC": (
        "مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي",
        "拉丁美洲和加勒比国家组",
        "",
        "Groupe des États d'Amérique latine et des Caraïbes",
        "Группа государств Латинской Америки и Карибского бассейна",
        "Grupo de los Estados de América Latina y el Caribe",
    ),
    "WEOG": (
        "مجموعة دول أوروبا الغربية ودول أخرى",
        "西欧和其他国家组",
        "",
        "Groupe des États d'Europe occidentale et autres États",
        "Группа западноевропейских и других государств",
        "Grupo de los Estados de Europa Occidental y otros Estados",
    ),
    "G77": (
        "مجموعة الـ 77 والصين",
        "77国集团和中国",
        "",
        "Groupe des 77 et la Chine",
        "Группа 77 и Китай",
        "Grupo de los 77 y China",
    ),
    "EU": (
        "الاتحاد الأوروبي",
        "欧洲联盟",
        "",
        "Union européenne",
        "Европейский союз",
        "Unión Europea",
    ),
    "AU": (
        "الاتحاد الأفريقي",
        "非洲联盟",
        "",
        "Union africaine",
        "Африканский союз",
        "Unión Africana",
    ),
    "IOM": (
        "المنظمة الدولية للهجرة",
        "国际移民组织",
        "",
        "Organisation internationale pour les migrations",
        "Международная организация по миграции",
        "Organización Internacional para las Migraciones",
    ),
    "ILO": (
        "منظمة العمل الدولية",
        "国际劳工组织",
        "",
        "Organisation internationale du Travail",
        "Международная организация труда",
        "Organización Internacional del Trabajo",
    ),
    "OHCHR": (
        "مفوضية الأمم المتحدة السامية لحقوق الإنسان",
        "联合国人权事务高级专员办事处",
        "",
        "Haut-Commissariat des Nations Unies aux droits de l'homme",
        "Управление Верховного комиссара Организации Объединенных Наций по правам человека",
        "Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos",
    ),
    "UNHCR": (
        "مفوضية الأمم المتحدة السامية لشؤون اللاجئين",
        "联合国难民事务高级专员办事处",
        "",
        "Haut-Commissariat des Nations Unies pour les réfugiés",
        "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
        "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados",
    ),
    "UNDP": (
        "برنامج الأمم المتحدة الإنمائي",
        "联合国开发计划署",
        "",
        "Programme des Nations Unies pour le développement",
        "Программа развития Организации Объединенных Наций",
        "Programa de las Naciones Unidas para el Desarrollo",
    ),
    "UNICEF": (
        "منظمة الأمم المتحدة للطفولة",
        "联合国儿童基金会",
        "",
        "Fonds des Nations Unies pour l'enfance",
        "Детский фонд Организации Объединенных Наций",
        "Fondo de las Naciones Unidas para la Infancia",
    ),
    "UNFPA": (
        "صندوق الأمم المتحدة للسكان",
        "联合国人口基金",
        "",
        "Fonds des Nations Unies pour la population",
        "Фонд Организации Объединенных Наций в области народонаселения",
        "Fondo de Población de las Naciones Unidas",
    ),
    "UNESCO": (
        "منظمة الأمم المتحدة للتربية والعلم والثقافة",
        "联合国教育、科学及文化组织",
        "",
        "Organisation des Nations Unies pour l'éducation, la science et la culture",
        "Организация Объединенных Наций по вопросам образования, науки и культуры",
        "Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura",
    ),
    "UNCTAD": (
        "مؤتمر الأمم المتحدة للتجارة والتنمية",
        "联合国贸易和发展会议",
        "",
        "Conférence des Nations Unies sur le commerce et le développement",
        "Конференция Организации Объединенных Наций по торговле и развитию",
        "Conferencia de las Naciones Unidas sobre Comercio y Desarrollo",
    ),
    "UNODC": (
        "مكتب الأمم المتحدة المعني بالمخدرات والجريمة",
        "联合国毒品和犯罪问题办公室",
        "",
        "Office des Nations Unies contre la drogue et le crime",
        "Управление Организации Объединенных Наций по наркотикам и преступности",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
    ),
    "UNEP": (
        "برنامج الأمم المتحدة للبيئة",
        "联合国环境规划署",
        "",
        "Programme des Nations Unies pour l'environnement",
        "Программа Организации Объединенных Наций по окружающей среде",
        "Programa de las Naciones Unidas para el Medio Ambiente",
    ),
    "FAO": (
        "منظمة الأغذية والزراعة للأمم المتحدة",
        "联合国粮食及农业组织",
        "",
        "Organisation des Nations Unies pour l'alimentation et l'agriculture",
        "Продовольственная и сельскохозяйственная организация Объединенных Наций",
        "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
    ),
    "WHO": (
        "منظمة الصحة العالمية",
        "世界卫生组织",
        "",
        "Organisation mondiale de la Santé",
        "Всемирная организация здравоохранения",
        "Organización Mundial de la Salud",
    ),
    "OPGA": (
        "مكتب رئيس الجمعية العامة",
        "大会主席办公室",
        "",
        "Cabinet du Président de l'Assemblée générale",
        "Канцелярия Председателя Генеральной Ассамблеи",
        "Oficina del Presidente de la Asamblea General",
    ),
}

# The five regional groups' short labels ("African States"), as REGIONAL_GROUP_NAMES in English.
REGIONAL_GROUP_LABELS: U = {
    "AFRICAN": (
        "الدول الأفريقية",
        "非洲国家",
        "African States",
        "États d'Afrique",
        "Государства Африки",
        "Estados de África",
    ),
    "APG": (
        "دول آسيا والمحيط الهادئ",
        "亚洲-太平洋国家",
        "Asia-Pacific States",
        "États d'Asie et du Pacifique",
        "Государства Азии и Тихого океана",
        "Estados de Asia y el Pacífico",
    ),
    "EEG": (
        "دول أوروبا الشرقية",
        "东欧国家",
        "Eastern European States",
        "États d'Europe orientale",
        "Государства Восточной Европы",
        "Estados de Europa Oriental",
    ),
    "GRULAC": (
        "دول أمريكا اللاتينية ومنطقة البحر الكاريبي",
        "拉丁美洲和加勒比国家",
        "Latin American and Caribbean States",
        "États d'Amérique latine et des Caraïbes",
        "Государства Латинской Америки и Карибского бассейна",
        "Estados de América Latina y el Caribe",
    ),
    "WEOG": (
        "دول أوروبا الغربية ودول أخرى",
        "西欧和其他国家",
        "Western European and other States",
        "États d'Europe occidentale et autres États",
        "Государства Западной Европы и другие государства",
        "Estados de Europa Occidental y otros Estados",
    ),
}


def tidy(language: str, name: str) -> str:
    """pycountry's spelling brought to the UN's: no shadda and "و" joined in Arabic, "е" for
    "ё" in Russian."""
    if language == "ar":
        name = re.sub(r" و ", " و", name.replace("\u0651", ""))
    if language == "ru":
        name = name.replace("ё", "е").replace("Ё", "Е")
    return name.strip()


def states() -> list[dict[str, str]]:
    with (HERE / "states.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def six(values: tuple[str, str, str, str, str, str]) -> dict[str, str]:
    return {lang: value for lang, value in zip(LANGUAGES, values, strict=True) if value}


def build() -> dict[str, object]:
    catalogues = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        for lang, locale in PYCOUNTRY_LOCALES.items()
    }
    names: dict[str, dict[str, str]] = {}
    for row in states():
        code = row["iso3"]
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise SystemExit(f"{code}: not in pycountry")
        found = {"en": row["name"]}
        for lang, catalogue in catalogues.items():
            found[lang] = tidy(lang, catalogue.gettext(country.name))
        found.update(six(UN_STATES.get(code, ("",) * 6)))
        names[code] = {lang: found[lang] for lang in LANGUAGES}
    organizations = json.loads((HERE / "organizations.json").read_text(encoding="utf-8"))
    for o in organizations["groups"] + organizations["organizations"]:
        code = str(o["code"])
        found = {"en": str(o["name"])}
        found.update(six(UN_ORGANIZATIONS.get(code, ("",) * 6)))
        names[code] = {lang: found[lang] for lang in LANGUAGES if lang in found}
    unknown = (set(UN_STATES) | set(UN_ORGANIZATIONS)) - set(names)
    if unknown:
        raise SystemExit(f"names for unknown codes: {sorted(unknown)}")
    return {
        "source": SOURCE,
        "generated_by": "src/podium/core/data/build_entity_names.py (offline; pycountry "
        f"{getattr(pycountry, '__version__', '')} catalogues, domain iso3166-1)".replace(" )", ")"),
        "languages": list(LANGUAGES),
        "regional_groups": {code: six(v) for code, v in REGIONAL_GROUP_LABELS.items()},
        "names": names,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
