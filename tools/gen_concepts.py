"""One-off generator for data/concepts.ttl; kept so the table of concepts is easy to review.

Run: python tools/gen_concepts.py > data/concepts.ttl
"""

SRC = "https://samilia.org/en/other-resources/"

SCHEMES = {
    "organisation-types": (
        ("Organisation types", "Types d'organisation", "Soorten organisaties"),
        "The kinds of organisation the graph distinguishes; each matches one aht: class.",
        [
            (
                "victim-support-centre",
                "Specialised victim-support centre",
                "Centre spécialisé d'accueil des victimes",
                "Gespecialiseerd opvangcentrum",
                "An organisation specialised in sheltering and supporting victims of trafficking.",
                "VictimSupportCentre",
            ),
            (
                "non-governmental-organisation",
                "Non-governmental organisation",
                "Organisation non gouvernementale",
                "Niet-gouvernementele organisatie",
                "An organisation independent of government, set up by private parties.",
                "NonGovernmentalOrganisation",
            ),
            (
                "public-body",
                "Public body",
                "Organisme public",
                "Overheidsinstantie",
                "An organisation set up by a state under public law.",
                "PublicBody",
            ),
            (
                "independent-public-body",
                "Independent public body",
                "Organisme public indépendant",
                "Onafhankelijk overheidsorgaan",
                "A public body that works independently of the government that set it up.",
                "IndependentPublicBody",
            ),
            (
                "intergovernmental-organisation",
                "Intergovernmental organisation",
                "Organisation intergouvernementale",
                "Intergouvernementele organisatie",
                "An organisation of states, or an office of one.",
                "IntergovernmentalOrganisation",
            ),
            (
                "monitoring-body",
                "Monitoring body",
                "Organe de suivi",
                "Toezichtsorgaan",
                "A body that checks and reports on how an instrument or policy is carried out.",
                "MonitoringBody",
            ),
            (
                "court",
                "Court",
                "Juridiction",
                "Rechtscollege",
                "A judicial body that decides cases under law.",
                "Court",
            ),
            (
                "coordination-body",
                "Coordination body",
                "Organe de coordination",
                "Coördinatieorgaan",
                "A body that coordinates a policy across administrations.",
                "CoordinationBody",
            ),
            (
                "network",
                "Network",
                "Réseau",
                "Netwerk",
                "A standing arrangement through which organisations work together.",
                "Network",
            ),
        ],
    ),
    "mandate-types": (
        ("Mandate types", "Types de mandat", "Soorten mandaten"),
        "The kinds of task an organisation's mandate can be.",
        [
            (
                "legislation",
                "Legislation and legal framework",
                "Législation et cadre juridique",
                "Wetgeving en juridisch kader",
                "Drafting, adopting or following up laws and the judicial framework.",
                None,
            ),
            (
                "policy-coordination",
                "Policy coordination",
                "Coordination des politiques",
                "Beleidscoördinatie",
                "Coordinating a policy across the services that carry it out.",
                None,
            ),
            (
                "monitoring",
                "Monitoring",
                "Suivi",
                "Opvolging",
                "Watching over and reporting on how instruments, policies or bodies work.",
                None,
            ),
            (
                "policy-planning",
                "Policy planning",
                "Planification des politiques",
                "Beleidsplanning",
                "Preparing plans of action and strategies.",
                None,
            ),
            (
                "funding-and-supervision",
                "Funding and supervision",
                "Financement et supervision",
                "Financiering en toezicht",
                "Providing money to other bodies and overseeing their work.",
                None,
            ),
            (
                "victim-support",
                "Victim support",
                "Accompagnement des victimes",
                "Slachtofferbegeleiding",
                "Sheltering, accompanying and assisting victims.",
                None,
            ),
            (
                "independent-reporting",
                "Independent reporting",
                "Rapportage indépendant",
                "Onafhankelijke rapportering",
                "Evaluating a public policy independently and reporting on it.",
                None,
            ),
            (
                "research-and-analysis",
                "Research and analysis",
                "Recherche et analyse",
                "Onderzoek en analyse",
                "Collecting data and publishing analyses on a subject.",
                None,
            ),
            (
                "standard-setting",
                "Standard setting",
                "Élaboration de normes",
                "Normstelling",
                "Drafting and adopting legal standards for states.",
                None,
            ),
            (
                "judicial-protection",
                "Judicial protection",
                "Protection juridictionnelle",
                "Rechterlijke bescherming",
                "Deciding cases to protect rights.",
                None,
            ),
            (
                "assistance-to-states",
                "Assistance to states",
                "Assistance aux États",
                "Bijstand aan staten",
                "Helping states build their capacity to act.",
                None,
            ),
            (
                "awareness-raising",
                "Awareness raising",
                "Sensibilisation",
                "Bewustmaking",
                "Informing the public and professionals about a problem.",
                None,
            ),
        ],
    ),
    "publication-types": (
        ("Publication types", "Types de publication", "Soorten publicaties"),
        "The kinds of publication the graph records.",
        [
            (
                "annual-report",
                "Annual report",
                "Rapport annuel",
                "Jaarverslag",
                "A report on one year's work or situation.",
                None,
            ),
            (
                "evaluation-report",
                "Evaluation report",
                "Rapport d'évaluation",
                "Evaluatieverslag",
                "A report that assesses a policy or its implementation.",
                None,
            ),
            (
                "global-report",
                "Global report",
                "Rapport mondial",
                "Wereldrapport",
                "A report that surveys a subject across the world.",
                None,
            ),
            (
                "statistical-report",
                "Statistical report",
                "Rapport statistique",
                "Statistisch verslag",
                "A report built mainly on figures and data.",
                None,
            ),
            (
                "newsletter",
                "Newsletter",
                "Lettre d'information",
                "Nieuwsbrief",
                "A short periodical sent to subscribers.",
                None,
            ),
            (
                "press-release",
                "Press release",
                "Communiqué de presse",
                "Persbericht",
                "A statement issued to the news media.",
                None,
            ),
            (
                "awareness-material",
                "Awareness material",
                "Matériel de sensibilisation",
                "Sensibiliseringsmateriaal",
                "Flyers, brochures, videos and similar material meant to raise awareness.",
                None,
            ),
            (
                "legal-information",
                "Legal information",
                "Information juridique",
                "Juridische informatie",
                "Explanations of the laws and instruments that apply.",
                None,
            ),
            (
                "analysis",
                "Analysis",
                "Analyse",
                "Analyse",
                "A study of a question, such as a policy or a migration trend.",
                None,
            ),
        ],
    ),
    "legal-forms": (
        ("Legal forms", "Formes juridiques", "Rechtsvormen"),
        "The legal forms under which organisations in the graph are constituted.",
        [
            (
                "non-profit-association",
                "Non-profit association (ASBL/VZW)",
                "Association sans but lucratif (ASBL)",
                "Vereniging zonder winstoogmerk (vzw)",
                "A Belgian association of private persons that pursues no profit for its members.",
                None,
            ),
            (
                "federal-public-service",
                "Federal public service",
                "Service public fédéral",
                "Federale overheidsdienst",
                "A ministry-level department of the Belgian federal administration.",
                None,
            ),
            (
                "independent-public-institution",
                "Independent public institution",
                "Institution publique indépendante",
                "Onafhankelijke openbare instelling",
                "A body created by law with its own legal personality that acts independently of the government.",
                None,
            ),
        ],
    ),
    "frequencies": (
        ("Frequencies", "Fréquences", "Frequenties"),
        "How often a publication series appears.",
        [
            ("monthly", "Monthly", "Mensuel", "Maandelijks", "Once a month.", None),
            ("annual", "Annual", "Annuel", "Jaarlijks", "Once a year.", None),
            ("biennial", "Biennial", "Biennal", "Tweejaarlijks", "Once every two years.", None),
            (
                "irregular",
                "Irregular",
                "Irrégulier",
                "Onregelmatig",
                "As occasion requires, with no fixed interval.",
                None,
            ),
        ],
    ),
    "topics": (
        ("Policy areas", "Domaines d'action", "Beleidsdomeinen"),
        "The policy areas organisations work on, coordinate or monitor.",
        [
            (
                "trafficking-in-human-beings",
                "Trafficking in human beings",
                "Traite des êtres humains",
                "Mensenhandel",
                "The recruitment, transport or harbouring of people by coercion or deceit for their exploitation.",
                None,
            ),
            (
                "migrant-smuggling",
                "Migrant smuggling",
                "Trafic de migrants",
                "Mensensmokkel",
                "Helping people cross a border irregularly for gain.",
                None,
            ),
            (
                "forced-labour",
                "Forced labour",
                "Travail forcé",
                "Dwangarbeid",
                "Work exacted from a person under threat of a penalty and not offered freely.",
                None,
            ),
            (
                "human-exploitation",
                "Human exploitation",
                "Exploitation humaine",
                "Menselijke uitbuiting",
                "Taking unfair advantage of people's work, bodies or vulnerability.",
                None,
            ),
            (
                "migration",
                "Migration",
                "Migration",
                "Migratie",
                "The movement of people across or within borders.",
                None,
            ),
            (
                "asylum",
                "Asylum",
                "Asile",
                "Asiel",
                "Protection a state grants to people fleeing persecution or serious harm.",
                None,
            ),
            (
                "human-rights",
                "Human rights",
                "Droits humains",
                "Mensenrechten",
                "The rights every person holds, as protected by law and treaties.",
                None,
            ),
            (
                "crime",
                "Crime",
                "Criminalité",
                "Criminaliteit",
                "Conduct that the law punishes, including organised crime.",
                None,
            ),
        ],
    ),
}

PREFIX_OF = {
    "organisation-types": "organisation-type",
    "mandate-types": "mandate-type",
    "publication-types": "publication-type",
    "frequencies": "frequency",
    "legal-forms": "legal-form",
    "topics": "topic",
}


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    out = [
        "@prefix aht:     <https://w3id.org/ahtgraph/ontology#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix id:      <https://w3id.org/ahtgraph/id/> .",
        "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .",
        "",
        "# SKOS concept schemes: the enumerations of the graph (generated by tools/gen_concepts.py).",
        "# Labels and definitions are ahtgraph's own wording.",
        "",
    ]
    for scheme, ((en, fr, nl), definition, concepts) in SCHEMES.items():
        prefix = PREFIX_OF[scheme]
        tops = " , ".join(f"id:{prefix}-{c[0]}" for c in concepts)
        out += [
            f"id:{scheme}",
            "    a skos:ConceptScheme ;",
            f"    rdfs:label {q(en)}@en , {q(fr)}@fr , {q(nl)}@nl ;",
            f"    skos:prefLabel {q(en)}@en , {q(fr)}@fr , {q(nl)}@nl ;",
            f"    skos:definition {q(definition)}@en ;",
            f"    skos:hasTopConcept {tops} ;",
            f"    dcterms:source <{SRC}> .",
            "",
        ]
        for slug, cen, cfr, cnl, cdef, cls in concepts:
            lines = [
                f"id:{prefix}-{slug}",
                "    a skos:Concept ;",
                f"    rdfs:label {q(cen)}@en , {q(cfr)}@fr , {q(cnl)}@nl ;",
                f"    skos:prefLabel {q(cen)}@en , {q(cfr)}@fr , {q(cnl)}@nl ;",
                f"    skos:definition {q(cdef)}@en ;",
                f"    skos:inScheme id:{scheme} ;",
                f"    skos:topConceptOf id:{scheme} ;",
            ]
            if cls:
                lines.append(f"    rdfs:seeAlso aht:{cls} ;")
            lines.append(f"    dcterms:source <{SRC}> .")
            out += [*lines, ""]
    print("\n".join(out).rstrip() + "\n", end="")


if __name__ == "__main__":
    main()
