"""One-off generator for data/greta-evaluations.ttl; kept so the table of GRETA's reports is easy to review.

Each row was typed in by hand from the page(s) it cites; nothing is fetched.
Run: python tools/gen_greta_evaluations.py > data/greta-evaluations.ttl
"""

ORD = {1: "first", 2: "second", 3: "third", 4: "fourth"}
FOCUS = {
    1: "how it implements the Convention as a whole",
    2: "the impact of its legislative, policy and practical measures against trafficking, new trends and child trafficking",
    3: "victims' access to justice and effective remedies",
    4: "measures to prevent and detect vulnerabilities to trafficking in human beings",
}
# state slug, English name in titles, round, reference, year, issued date, title (as on the copy), sources, note
R = [
    (
        "netherlands",
        "the Netherlands",
        1,
        None,
        "2014",
        None,
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/Docs/News/GRETA_19th_meeting_en.asp"],
        "GRETA's page on its 19th meeting (17-21 March 2014) says it adopted its final evaluation report on the Netherlands then; the year is that of adoption. A copy giving the document reference and publication date was found only at an address the search tool returned cut short, so they are left out.",
    ),
    (
        "sweden",
        "Sweden",
        1,
        "GRETA(2014)11",
        "2014",
        "2014-05-27",
        True,
        [
            "https://docslib.org/doc/13593155/greta-2014-11",
            "https://www.coe.int/en/web/anti-human-trafficking/sweden",
            "http://www.coe.int/t/dghl/monitoring/trafficking/Docs/News/GRETA_19th_meeting_en.asp",
        ],
        "Reference and dates (adopted 21 March 2014, published 27 May 2014) are read on a copy of the report; GRETA's page on Sweden says its report was published in May 2014.",
    ),
    (
        "germany",
        "Germany",
        2,
        "GRETA(2019)07",
        "2019",
        "2019-06-20",
        True,
        [
            "https://readkong.com/page/report-concerning-the-implementation-of-the-council-of-3770677",
            "https://docslib.org/doc/1683997/report-submitted-by-the-authorities-of-germany-on-measures-taken",
        ],
        "Reference and dates (adopted 22 March 2019, published 20 June 2019) are read on a copy of the report and confirmed by the German authorities' report CP(2020)10, read on a copy.",
    ),
    (
        "ireland",
        "Ireland",
        2,
        "GRETA(2017)28",
        "2017",
        "2017-09-20",
        True,
        [
            "http://lawsdocbox.com/Immigration/66845569-Report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-ireland.html",
            "http://www.justice.ie/en/JELR/Pages/PR17000300",
        ],
        "Reference and dates (adopted 7 July 2017, published 20 September 2017) are read on a copy of the report; the Irish Department of Justice announced the publication on 20 September 2017.",
    ),
    (
        "portugal",
        "Portugal",
        2,
        "GRETA(2017)4",
        "2017",
        "2017-03-17",
        True,
        [
            "https://studyres.com/doc/23200009/report-concerning-the-implementation-of-the-council-of"
        ],
        "Reference and dates (adopted 2 December 2016, published 17 March 2017) are read on a copy of the report.",
    ),
    (
        "romania",
        "Romania",
        1,
        "GRETA(2012)2",
        "2012",
        None,
        True,
        [
            "http://lawsdocbox.com/Immigration/121542534-G-r-e-t-a-group-of-experts-on-action-against-trafficking-in-human-beings.html"
        ],
        'The reference is read on a copy of the report, whose cover reads "Strasbourg, 31 May 2012" without saying whether that is the date of adoption or of publication, so only the year is given.',
    ),
    (
        "cyprus",
        "Cyprus",
        1,
        None,
        "2011",
        "2011-09-12",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_cyp_EN.asp",
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/news/cyp_web_article_en.asp?toPrint=yes",
        ],
        "GRETA's press release of 12 September 2011 announces the publication of its first evaluation report, on Cyprus, the first country GRETA evaluated; no page giving its document reference was found.",
    ),
    (
        "cyprus",
        "Cyprus",
        3,
        "GRETA(2020)04",
        "2020",
        "2020-06-11",
        False,
        ["https://docslib.org/doc/10751436/evaluation-report-cyprus"],
        "Reference and publication date are read on a copy of the report.",
    ),
    (
        "italy",
        "Italy",
        1,
        None,
        "2014",
        "2014-09-22",
        False,
        [
            "https://unipd-centrodirittiumani.it/en/news/council-of-europe-first-evaluation-report-on-italy-of-the-group-of-experts-on-action-against-trafficking-in-human-beings-greta",
        ],
        "The publication date is given by the University of Padua's Human Rights Centre; no page giving the document reference was found.",
    ),
    (
        "italy",
        "Italy",
        2,
        None,
        "2019",
        "2019-01-25",
        False,
        ["https://www.coe.int/en/web/anti-human-trafficking/italy1"],
        "GRETA's page on Italy gives the publication date; no page giving the document reference was found.",
    ),
    (
        "italy",
        "Italy",
        3,
        None,
        "2024",
        None,
        False,
        ["https://www.coe.int/en/web/anti-human-trafficking/italy1"],
        "GRETA's page on Italy lists the report with the date 23 February 2024 without saying whether it is the date of adoption or of publication, so only the year is given; no page giving the document reference was found.",
    ),
    (
        "malta",
        "Malta",
        2,
        None,
        "2017",
        "2017-03-16",
        False,
        [
            "https://coe.int/web/anti-human-trafficking/monitoring-malta",
            "https://www.coe.int/web/anti-human-trafficking/monitoring-malta",
        ],
        "GRETA's page on Malta gives the publication date; no page giving the document reference was found.",
    ),
    (
        "malta",
        "Malta",
        3,
        None,
        "2021",
        "2021-11-10",
        False,
        [
            "https://coe.int/web/anti-human-trafficking/monitoring-malta",
            "https://www.coe.int/web/anti-human-trafficking/monitoring-malta",
        ],
        "GRETA's page on Malta gives the publication date; no page giving the document reference was found.",
    ),
    (
        "france",
        "France",
        2,
        None,
        "2017",
        None,
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-holds-talks-with-the-french-authorities"
        ],
        "GRETA's news item says its second report on France was adopted in March 2017; the year is that of adoption. No page giving the publication date or the document reference was found.",
    ),
    (
        "ireland",
        "Ireland",
        1,
        None,
        "2013",
        "2013-09-26",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_irl_en.asp?toPrint=yes"
        ],
        "GRETA's press release of 26 September 2013 announces the publication of its first report on Ireland; no page giving the document reference was found.",
    ),
    (
        "france",
        "France",
        1,
        None,
        "2013",
        "2013-01-28",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_fra_en.asp?toPrint=yes"
        ],
        "GRETA's press release of 28 January 2013 announces the publication of its first report on France; no page giving the document reference was found.",
    ),
    (
        "france",
        "France",
        3,
        None,
        "2022",
        "2022-02-18",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-publishes-its-third-report-on-france"
        ],
        "GRETA's news item of 18 February 2022 announces the publication of its third evaluation report on France; no page giving the document reference was found.",
    ),
    (
        "austria",
        "Austria",
        1,
        None,
        "2011",
        "2011-09-15",
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_aut_EN.asp"],
        "GRETA's press release of 15 September 2011 announces the publication of its first evaluation report on Austria; no page giving its document reference was found.",
    ),
    (
        "austria",
        "Austria",
        2,
        "GRETA(2015)19",
        "2015",
        "2015-10-12",
        True,
        ["https://docslib.org/doc/4854459/report-concerning-the-implementation-of-the-council-of"],
        "Reference and dates (adopted 3 July 2015, published 12 October 2015) are read on a copy of the report.",
    ),
    (
        "spain",
        "Spain",
        1,
        "GRETA(2013)16",
        "2013",
        None,
        True,
        [
            "http://lawsdocbox.com/Immigration/74167500-Report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-spain.html",
            "https://issuu.com./colectivohetaira/docs/greta2013",
        ],
        'The reference is read on two copies of the report, whose cover reads "Strasbourg, 27 September 2013" without saying whether that is the date of adoption or of publication, so only the year is given.',
    ),
    (
        "spain",
        "Spain",
        2,
        "GRETA(2018)7",
        "2018",
        "2018-06-20",
        True,
        [
            "https://docslib.org/doc/1618956/greta-2018-7",
            "https://1library.co/document/oy82764y-report-concerning-implementation-council-europe-convention-action-trafficking.html",
        ],
        "Reference and dates (adopted 23 March 2018, published 20 June 2018) are read on two copies of the report.",
    ),
    (
        "denmark",
        "Denmark",
        1,
        "GRETA(2011)21",
        "2011",
        None,
        True,
        [
            "https://docslib.org/doc/6399409/g-r-e-t-a-report-concerning-the-implementation-of-the-council-of"
        ],
        'The reference is read on a copy of the report, whose cover reads "Strasbourg, 20 December 2011" without saying whether that is the date of adoption or of publication, so only the year is given.',
    ),
    (
        "poland",
        "Poland",
        2,
        "GRETA(2017)29",
        "2017",
        "2017-11-17",
        True,
        [
            "https://lawsdocbox.com/Immigration/71039778-Report-concerning-the-implementation-of-the-council-of-europe-convention.html",
            "https://docslib.org/doc/13588958/report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-poland",
        ],
        "Reference and dates (adopted 7 July 2017, published 17 November 2017) are read on two copies of the report.",
    ),
    (
        "sweden",
        "Sweden",
        2,
        None,
        "2018",
        "2018-06-08",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/news/-/asset_publisher/fX6ZWufj34JY/content/pubication-of-second-greta-report-on-sweden?_101_INSTANCE_fX6ZWufj34JY_viewMode=view%2F"
        ],
        "GRETA's news item of 8 June 2018 announces the publication of its second evaluation report on Sweden; no page giving its document reference was found.",
    ),
    (
        "estonia",
        "Estonia",
        1,
        None,
        "2018",
        "2018-06-12",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/pubication-of-greta-s-first-report-on-estonia"
        ],
        "GRETA's news item of 12 June 2018 announces the publication of its first report on Estonia; no page giving its document reference was found.",
    ),
    (
        "hungary",
        "Hungary",
        3,
        None,
        "2024",
        "2024-02-26",
        False,
        ["https://thb.kormany.hu/report-on-hungary"],
        "The Hungarian government's anti-trafficking site says GRETA published its third-round report on Hungary on 26 February 2024; no page giving its document reference was found.",
    ),
    (
        "hungary",
        "Hungary",
        2,
        None,
        "2019",
        "2019-09-27",
        False,
        ["https://coe.int/web/anti-human-trafficking/hungary1"],
        "GRETA's page on Hungary gives the publication date of its second-round report; no page giving the document reference was found (a third-party copy of the first-round report was found only at an address the search tool returned cut short, so that report is left out).",
    ),
    (
        "serbia",
        "Serbia",
        1,
        None,
        "2014",
        None,
        False,
        ["https://coe.int/be/web/portal/-/greta-s-new-report-on-serbia"],
        "GRETA's news item on its second report on Serbia says the first evaluation report was published in January 2014; the year is that of publication. No page giving the day or the document reference was found.",
    ),
    (
        "serbia",
        "Serbia",
        2,
        None,
        "2018",
        "2018-01-29",
        False,
        [
            "https://coe.int/web/anti-human-trafficking/serbia1",
            "https://coe.int/be/web/portal/-/greta-s-new-report-on-serbia",
        ],
        "GRETA's page on Serbia gives the publication date, and its news item of 29 January 2018 announces the report as published that day; no page giving the document reference was found.",
    ),
    (
        "serbia",
        "Serbia",
        3,
        None,
        "2023",
        "2023-06-16",
        False,
        ["https://coe.int/web/anti-human-trafficking/serbia1"],
        "GRETA's page on Serbia gives the publication date; no page giving the document reference was found.",
    ),
    (
        "norway",
        "Norway",
        2,
        "GRETA(2017)18",
        "2017",
        "2017-06-21",
        True,
        [
            "https://docslib.org/doc/9785010/report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-norway",
            "http://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-norway",
        ],
        "Reference and dates (adopted 31 March 2017, published 21 June 2017) are read on a third-party copy of the report; GRETA's news item announces the publication of its second evaluation report on Norway.",
    ),
    (
        "albania",
        "Albania",
        1,
        None,
        "2011",
        "2011-12-02",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_alb_en.asp?toPrint=yes"
        ],
        "GRETA's press release of 2 December 2011 announces the publication of its first evaluation report on Albania; no page giving its document reference was found.",
    ),
    (
        "latvia",
        "Latvia",
        1,
        None,
        "2013",
        "2013-01-31",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_lva_en.asp?toPrint=yes"
        ],
        "GRETA's press release of 31 January 2013, headed as the publication of its report on Latvia, presents its first report on Latvia; no page giving its document reference was found.",
    ),
    (
        "ukraine",
        "Ukraine",
        2,
        None,
        "2018",
        None,
        False,
        ["https://miragenews.com/greta-carries-out-third-evaluation-visit-to-1244065"],
        "A third-party republication (Mirage News) of GRETA's news item on its third evaluation visit to Ukraine says GRETA's second report was published in 2018; the year is that of publication. A weak source: no GRETA page giving the date or the document reference was found.",
    ),
    (
        "bulgaria",
        "Bulgaria",
        1,
        None,
        "2011",
        "2011-12-14",
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/Docs/Press_releases/PR_BUL_en.asp"],
        "GRETA's press release of 14 December 2011 announces the publication that day of its first evaluation report on Bulgaria; no page giving its document reference was found.",
    ),
    (
        "bulgaria",
        "Bulgaria",
        2,
        None,
        "2016",
        None,
        False,
        ["https://childhub.org/en/child-protection-news/greta-publishes-its-third-report-bulgaria"],
        "A third-party summary (ChildHub) of GRETA's third report on Bulgaria says the second evaluation report was published in January 2016; the year is that of publication. A weak source: no GRETA page giving the day or the document reference was found.",
    ),
    (
        "bulgaria",
        "Bulgaria",
        4,
        None,
        "2025",
        None,
        False,
        [
            "https://bta.bg/en/news/world/984054-bulgaria-must-make-additional-efforts-to-prevent-human-trafficking-greta-report"
        ],
        "The Bulgarian News Agency reports the publication of GRETA's new report on Bulgaria (captioned October 2025), which reviews progress since the previous report of 2021; the year is that of publication. A news source: no GRETA page giving the exact date or the document reference was found.",
    ),
    (
        "moldova",
        "the Republic of Moldova",
        1,
        None,
        "2012",
        "2012-02-22",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/news/greta_report_mda_press_release_EN.asp"
        ],
        "GRETA's press release of 22 February 2012 announces the publication that day of its first evaluation report on the Republic of Moldova; no page giving its document reference was found.",
    ),
    (
        "moldova",
        "the Republic of Moldova",
        2,
        None,
        "2016",
        "2016-06-07",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-the-republic-of-moldova",
            "http://stopvaw.org/moldova_report_shows_trafficking_victims_face_barriers_to_relief",
        ],
        "GRETA's news item announces the publication of its second evaluation report on the Republic of Moldova; the date (7 June 2016) is read on a third-party summary (StopVAW) citing that news item and the report. No page giving the document reference was found.",
    ),
    (
        "moldova",
        "the Republic of Moldova",
        4,
        "GRETA(2025)07",
        "2025",
        "2025-06-10",
        False,
        [
            "https://rm.coe.int/greta-evaluation-report-on-the-implementation-of-the-council-of-europe/1680b613f3"
        ],
        "Reference and dates (adopted 27 March 2025, published 10 June 2025) are read on the report itself, on the Council of Europe's document server.",
    ),
    (
        "azerbaijan",
        "Azerbaijan",
        1,
        None,
        "2014",
        None,
        False,
        ["https://en.trend.az/azerbaijan/politics/2984216.html"],
        "The Trend news agency, reporting GRETA's second report on Azerbaijan, says GRETA's first evaluation report on Azerbaijan was published in May 2014; the year is that of publication. A news source: no GRETA page giving the day or the document reference was found.",
    ),
    (
        "azerbaijan",
        "Azerbaijan",
        2,
        None,
        "2018",
        "2018-11-23",
        False,
        ["https://en.trend.az/azerbaijan/politics/2984216.html"],
        "The Trend news agency's item of 23 November 2018 says GRETA published its new report on Azerbaijan that day, assessing developments since its first report. A news source: no GRETA page giving the date or the document reference was found.",
    ),
    (
        "czech-republic",
        "the Czech Republic",
        1,
        None,
        "2020",
        None,
        False,
        [
            "https://coe.int/en/web/anti-human-trafficking/-/second-greta-evaluation-visit-to-the-czech-republic?pk_campaign=newsletter",
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-publishes-first-report-on-czech-republic",
        ],
        "GRETA's news item on its second evaluation visit to the Czech Republic says its first evaluation report was published in 2020; the year is that of publication. GRETA's news item announcing the first report was found without its date, and no page giving the document reference was found.",
    ),
    (
        "finland",
        "Finland",
        1,
        None,
        "2015",
        "2015-06-04",
        False,
        ["https://coe.int/web/anti-human-trafficking/finland1"],
        "GRETA's page on Finland gives the publication date; no page giving the document reference was found.",
    ),
    (
        "finland",
        "Finland",
        2,
        None,
        "2019",
        "2019-06-05",
        False,
        ["https://coe.int/web/anti-human-trafficking/finland1"],
        "GRETA's page on Finland gives the publication date; no page giving the document reference was found.",
    ),
    (
        "greece",
        "Greece",
        1,
        None,
        "2017",
        "2017-10-18",
        False,
        ["https://coe.int/web/anti-human-trafficking/greece1"],
        "GRETA's page on Greece gives the publication date; no page giving the document reference was found.",
    ),
    (
        "greece",
        "Greece",
        2,
        None,
        "2023",
        "2023-03-23",
        False,
        ["https://coe.int/web/anti-human-trafficking/greece1"],
        "GRETA's page on Greece gives the publication date under its heading for the second evaluation round (the same section lists GRETA's third-round questionnaire); no page giving the document reference was found.",
    ),
    (
        "lithuania",
        "Lithuania",
        1,
        None,
        "2015",
        "2015-06-05",
        False,
        [
            "https://www.stopvaw.org/lithuania_experts_report_progress_in_combating_human_trafficking_but_improvements_needed_2"
        ],
        "A third-party summary (StopVAW) says GRETA published its first report on Lithuania and cites GRETA's news item of 5 June 2015 announcing it; the date is read there. A weak source: no GRETA page giving the date or the document reference was found.",
    ),
    (
        "lithuania",
        "Lithuania",
        2,
        None,
        "2019",
        "2019-06-21",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-publishes-second-report-on-lithuania"
        ],
        "GRETA's news item of 21 June 2019 announces the publication of its second evaluation report on Lithuania; no page giving the document reference was found.",
    ),
    (
        "luxembourg",
        "Luxembourg",
        1,
        None,
        "2014",
        "2014-01-15",
        False,
        [
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_lux_en.asp?toPrint=yes",
            "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_lux_FR.asp",
        ],
        "GRETA's press release of 15 January 2014 announces the publication that day of its first report on Luxembourg; no page giving its document reference was found.",
    ),
    (
        "luxembourg",
        "Luxembourg",
        2,
        None,
        "2018",
        "2018-11-06",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-publishes-second-report-on-luxembourg"
        ],
        "GRETA's news item of 6 November 2018 announces the publication that day of its second evaluation report on Luxembourg; no page giving the document reference was found.",
    ),
    (
        "monaco",
        "Monaco",
        1,
        None,
        "2020",
        "2020-02-12",
        False,
        ["https://coe.int/en/web/anti-human-trafficking/monaco1"],
        "GRETA's page on Monaco gives the publication date of the report of its combined first and second evaluation rounds, recorded here as round 1; no page giving the document reference was found.",
    ),
    (
        "monaco",
        "Monaco",
        3,
        None,
        "2024",
        None,
        False,
        ["https://coe.int/en/web/anti-human-trafficking/monaco1"],
        "GRETA's page on Monaco lists the third-round report with the date 11 June 2024 without saying whether it is the date of adoption or of publication, so only the year is given; no page giving the document reference was found.",
    ),
    (
        "slovenia",
        "Slovenia",
        3,
        None,
        "2023",
        "2023-06-15",
        False,
        [
            "https://www.agenzianova.com/a/648ad6b21be8b9.00733710/4399631/2023-06-15/slovenia-consiglio-d-europa-greta-identificare-meglio-vittime-tratta-esseri-umani"
        ],
        "The Italian news agency Nova reports on 15 June 2023 that GRETA published its third report on Slovenia that day. A news source: no GRETA page giving the date or the document reference was found.",
    ),
    (
        "turkiye",
        "Türkiye",
        1,
        None,
        "2019",
        "2019-10-08",
        False,
        [
            "https://www.mfa.gov.tr/no_291_-turkiye-ye-dair-yayimlanan-greta-raporu-hk.en.mfa",
            "https://coe.int/en/web/anti-human-trafficking/-/greta-carries-out-the-second-evaluation-visit-of-t%C3%BCrkiye?pk_campaign=newsletter",
        ],
        "The Turkish Ministry of Foreign Affairs' press release says GRETA published its first-round report on Turkey on 8 October 2019; GRETA's news item on its second visit says the first report was published in 2019. No page giving the document reference was found.",
    ),
    (
        "north-macedonia",
        "North Macedonia",
        1,
        None,
        "2014",
        "2014-06-17",
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/docs/Press_releases/PR_MKD_en.asp"],
        'GRETA\'s press release of 17 June 2014 announces the publication that day of its first report on the country, then named "the former Yugoslav Republic of Macedonia"; no page giving its document reference was found.',
    ),
    (
        "north-macedonia",
        "North Macedonia",
        2,
        None,
        "2018",
        None,
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/news/-/asset_publisher/fX6ZWufj34JY/content/greta-visits-north-macedonia-as-part-of-the-third-evaluation-round?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Fen%2Fweb%2Fanti-human-trafficking%2Fnews%3Fp_p_id%3D101_INSTANCE_fX6ZWufj34JY%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_count%3D1"
        ],
        "GRETA's news item on its third evaluation visit to North Macedonia says its second evaluation report was published in 2018; the year is that of publication. No page giving the day or the document reference was found.",
    ),
    (
        "north-macedonia",
        "North Macedonia",
        3,
        None,
        "2023",
        "2023-03-24",
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/-/greta-north-macedonia-s-legislative-framework-improved-but-human-trafficking-victims-need-better-access-to-justice-and-effective-remedies",
            "https://mia.mk/en/story/greta-legal-framework-to-combat-human-trafficking-improved-better-implementation-needed",
        ],
        "GRETA's news item announces the publication of its third-round report on North Macedonia; the date (24 March 2023) is read on the report of the national news agency MIA. No page giving the document reference was found.",
    ),
    (
        "san-marino",
        "San Marino",
        1,
        "GRETA(2014)19",
        "2014",
        None,
        True,
        [
            "https://de.slideshare.net/zexecel/greta201419fgrsmrwcmntsen",
            "https://www.coe.int/en/web/anti-human-trafficking/news/-/asset_publisher/fX6ZWufj34JY/content/greta-publishes-second-report-on-san-marino?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Fen%2Fweb%2Fanti-human-trafficking%2Fnews%3Fp_p_id%3D101_INSTANCE_fX6ZWufj34JY%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_count%3D1",
        ],
        "The reference is read on a third-party copy of the report (SlideShare), whose cover gives adoption on 4 July 2014 and publication on 15 September 2014, while GRETA's news item on its second report says the first was published in July 2014; as the two disagree, only the year is given.",
    ),
    (
        "san-marino",
        "San Marino",
        3,
        None,
        "2024",
        None,
        False,
        [
            "https://rm.coe.int/recommendation-cp-rec-2024-12-on-the-implementation-of-the-council-of-/1680b2a436"
        ],
        "The Committee of the Parties' Recommendation CP/Rec(2024)12 says GRETA adopted its third report on San Marino at its 51st meeting (1-5 July 2024); the year is that of adoption. No page giving the publication date or the document reference was found.",
    ),
    (
        "armenia",
        "Armenia",
        1,
        None,
        "2012",
        "2012-09-21",
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/Docs/Press_releases/PR_ARM_en.asp"],
        "GRETA's press release of 21 September 2012 announces the publication that day of its first evaluation report on Armenia; no page giving its document reference was found.",
    ),
    (
        "armenia",
        "Armenia",
        2,
        "GRETA(2017)1",
        "2017",
        "2017-03-20",
        False,
        [
            "https://docslib.org/doc/7195867/report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-armenia"
        ],
        "Reference and dates (adopted 2 December 2016, published 20 March 2017) are read on a third-party copy of the report.",
    ),
    (
        "armenia",
        "Armenia",
        3,
        None,
        "2022",
        "2022-05-31",
        False,
        ["https://ghrtv.org/gretas-report-on-armenia-and-human-trafficking-victims"],
        "A third-party article (Global Human Rights Defence) says GRETA published its report on Armenia, on access to justice and effective remedies, on 31 May 2022. A weak source: no GRETA page giving the date or the document reference was found.",
    ),
    (
        "montenegro",
        "Montenegro",
        1,
        None,
        "2012",
        "2012-09-13",
        False,
        ["http://www.coe.int/t/dghl/monitoring/trafficking/Docs/Press_releases/PR_MNE_en.asp"],
        "GRETA's press release of 13 September 2012 announces the publication that day of its first evaluation report on Montenegro; no page giving its document reference was found.",
    ),
    (
        "montenegro",
        "Montenegro",
        2,
        "GRETA(2016)19",
        "2016",
        "2016-09-28",
        True,
        ["https://www.slideshare.net/slideshow/greta201619fgrmneen/66508641"],
        "Reference and dates (adopted 8 July 2016, published 28 September 2016) are read on a third-party copy of the report (SlideShare).",
    ),
    (
        "croatia",
        "Croatia",
        2,
        None,
        "2016",
        None,
        False,
        [
            "https://www.coe.int/fr/web/special-representative-secretary-general-migration-refugees/newsletter-january-2021/-/asset_publisher/cVKOAoroBOtI/content/greta-publishes-its-third-report-on-croatia?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Ffr%2Fweb%2Fspecial-representative-secretary-general-migration-refugees%2Fnewsletter-january-2021%3Fp_p_id%3D101_INSTANCE_cVKOAoroBOtI%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_pos%3D1%26p_p_col_count%3D2"
        ],
        "A Council of Europe newsletter item on GRETA's third report on Croatia says the previous report was published in 2016; the year is that of publication. No page giving the day or the document reference was found.",
    ),
    (
        "croatia",
        "Croatia",
        3,
        None,
        "2020",
        "2020-12-03",
        False,
        [
            "https://www.coe.int/fr/web/special-representative-secretary-general-migration-refugees/newsletter-january-2021/-/asset_publisher/cVKOAoroBOtI/content/greta-publishes-its-third-report-on-croatia?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Ffr%2Fweb%2Fspecial-representative-secretary-general-migration-refugees%2Fnewsletter-january-2021%3Fp_p_id%3D101_INSTANCE_cVKOAoroBOtI%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_pos%3D1%26p_p_col_count%3D2"
        ],
        "A Council of Europe newsletter item says GRETA published its third report on Croatia on 3 December 2020; no page giving the document reference was found.",
    ),
    (
        "georgia",
        "Georgia",
        1,
        "GRETA(2011)24",
        "2012",
        None,
        True,
        [
            "https://docslib.org/doc/9340855/g-r-e-t-a-report-concerning-the-implementation-of-the-council-of",
            "https://www.coe.int/en/web/anti-human-trafficking/news/-/asset_publisher/fX6ZWufj34JY/content/publication-of-greta-s-second-report-on-georgia?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Fen%2Fweb%2Fanti-human-trafficking-staging%2Fnews%3Fp_p_id%3D101_INSTANCE_fX6ZWufj34JY%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_count%3D1%26_101_INSTANCE_fX6ZWufj34JY_advancedSearch%3Dfalse%26_101_INSTANCE_fX6ZWufj34JY_keywords%3D%26_101_INSTANCE_fX6ZWufj34JY_delta%3D20%26p_r_p_564233524_resetCur%3Dfalse%26_101_INSTANCE_fX6ZWufj34JY_cur%3D3%26_101_INSTANCE_fX6ZWufj34JY_andOperator%3Dtrue",
        ],
        'The reference is read on a third-party copy of the report, whose cover reads "Strasbourg, 7 February 2012"; GRETA\'s news item on its second report says the first was published in February 2012, so the year is that of publication. No page giving the day was found.',
    ),
    (
        "georgia",
        "Georgia",
        2,
        None,
        "2016",
        None,
        False,
        [
            "https://www.coe.int/en/web/anti-human-trafficking/news/-/asset_publisher/fX6ZWufj34JY/content/publication-of-greta-s-second-report-on-georgia?inheritRedirect=false&redirect=https%3A%2F%2Fwww.coe.int%2Fen%2Fweb%2Fanti-human-trafficking-staging%2Fnews%3Fp_p_id%3D101_INSTANCE_fX6ZWufj34JY%26p_p_lifecycle%3D0%26p_p_state%3Dnormal%26p_p_mode%3Dview%26p_p_col_id%3Dcolumn-4%26p_p_col_count%3D1%26_101_INSTANCE_fX6ZWufj34JY_advancedSearch%3Dfalse%26_101_INSTANCE_fX6ZWufj34JY_keywords%3D%26_101_INSTANCE_fX6ZWufj34JY_delta%3D20%26p_r_p_564233524_resetCur%3Dfalse%26_101_INSTANCE_fX6ZWufj34JY_cur%3D3%26_101_INSTANCE_fX6ZWufj34JY_andOperator%3Dtrue",
            "http://agenda.ge/en/news/2021/700",
        ],
        "GRETA's news item announces the publication of its second evaluation report on Georgia without a date in the copy found; a Georgian news site (Agenda.ge) reporting the third report refers to the previous report as of 2016, so the year is read there (a news source). No page giving the day or the document reference was found.",
    ),
]


def iri(u: str) -> str:
    return "<" + u + ">"


out = []
out.append("""@prefix aht:     <https://w3id.org/ahtgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id:      <https://w3id.org/ahtgraph/id/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

# ---------------------------------------------------------------------------------------------
# GRETA's evaluation reports (issue 12, C.2): for each party, the reports of each evaluation
# round that a stored page states, with the round (aht:evaluationRound), the year, the
# publication date and the document reference (dcterms:identifier, e.g. GRETA(2014)10) where a
# page gives them. Each report is published by GRETA (aht:publishes, stated directly so plain
# SPARQL finds it) and is about one state (dcterms:spatial), which GRETA therefore monitors.
# Many dates and references are read on third-party copies of the reports; each report's
# skos:note says which. Reports for which no page was found are left out, so the gaps stay
# visible. Belgium's three reports (data/landscape.ttl) get their round here.
# Written by tools/gen_greta_evaluations.py from its hand-checked table.
# ---------------------------------------------------------------------------------------------
""")
out.append("""# =============================================================================================
# Belgium: the round of each report already in the graph, its reference, and its publisher
# =============================================================================================

id:greta-report-belgium-round-1
    aht:evaluationRound 1 ;
    dcterms:identifier "GRETA(2013)14" .

id:greta-report-belgium-round-2
    aht:evaluationRound 2 .

id:greta-report-belgium-round-3
    aht:evaluationRound 3 .

id:greta
    aht:publishes id:greta-report-belgium-round-1 , id:greta-report-belgium-round-2 , id:greta-report-belgium-round-3 .

id:claim-greta-publishes-greta-report-belgium-round-1
    a rdf:Statement ;
    rdf:subject id:greta ; rdf:predicate aht:publishes ; rdf:object id:greta-report-belgium-round-1 ;
    dcterms:source <https://lawsdocbox.com/Immigration/75933897-Report-concerning-the-implementation-of-the-council-of-europe-convention-on-action-against-trafficking-in-human-beings-by-belgium.html> , <https://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-belgium> .

id:claim-greta-publishes-greta-report-belgium-round-2
    a rdf:Statement ;
    rdf:subject id:greta ; rdf:predicate aht:publishes ; rdf:object id:greta-report-belgium-round-2 ;
    dcterms:source <https://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-belgium> .

id:claim-greta-publishes-greta-report-belgium-round-3
    a rdf:Statement ;
    rdf:subject id:greta ; rdf:predicate aht:publishes ; rdf:object id:greta-report-belgium-round-3 ;
    dcterms:source <https://emnbelgium.be/fr/publication/troisieme-rapport-devaluation-du-greta-sur-la-belgique> .
""")


def report_block(row: tuple) -> str:
    """The Turtle for one report and the claim that GRETA publishes it."""
    slug, name, rnd, ref, year, issued, has_title, srcs, note = row
    e = f"id:greta-report-{slug}-round-{rnd}"
    lines = [e, "    a aht:Publication ;"]
    lines.append(f'    rdfs:label "GRETA {ORD[rnd]} evaluation report on {name}"@en ;')
    if has_title:
        lines.append(
            '    skos:altLabel "Report concerning the implementation of the Council of Europe '
            f'Convention on Action against Trafficking in Human Beings by {name}"@en ;'
        )
    lines.append(
        f"    dcterms:description \"GRETA's {ORD[rnd]}-round evaluation of {name}, "
        f'which looks at {FOCUS[rnd]}."@en ;'
    )
    lines.append("    aht:publicationType id:publication-type-evaluation-report ;")
    lines.append(f"    aht:evaluationRound {rnd} ;")
    if ref:
        lines.append(f'    dcterms:identifier "{ref}" ;')
    lines.append(f'    dcterms:date "{year}"^^xsd:gYear ;')
    if issued:
        lines.append(f'    dcterms:issued "{issued}"^^xsd:date ;')
    lines.append(f"    dcterms:spatial id:{slug} ;")
    lines.append("    dcterms:subject id:topic-trafficking-in-human-beings ;")
    lines.append('    skos:note "' + note.replace('"', '\\"') + '"@en ;')
    lines.append("    dcterms:source " + " , ".join(iri(u) for u in srcs) + " .")
    claim = (
        f"id:claim-greta-publishes-greta-report-{slug}-round-{rnd}\n"
        "    a rdf:Statement ;\n"
        f"    rdf:subject id:greta ; rdf:predicate aht:publishes ; rdf:object {e} ;\n"
        "    dcterms:source " + " , ".join(iri(u) for u in srcs) + " .\n"
    )
    return "\n".join(lines) + "\n\n" + claim


def state_block(slug: str, name: str, rows: list[tuple]) -> str:
    """GRETA publishes the state's reports and monitors the state, with the claim for the latter."""
    pages: list[str] = []
    for row in rows:
        for u in row[7]:
            if u not in pages:
                pages.append(u)
    reports = " , ".join(f"id:greta-report-{slug}-round-{row[2]}" for row in rows)
    return (
        f"id:greta\n    aht:publishes {reports} ;\n    aht:monitors id:{slug} .\n\n"
        f"id:claim-greta-monitors-{slug}\n"
        "    a rdf:Statement ;\n"
        f"    rdf:subject id:greta ; rdf:predicate aht:monitors ; rdf:object id:{slug} ;\n"
        "    dcterms:source " + " , ".join(iri(u) for u in pages) + " .\n"
    )


RULE = "# " + "=" * 93
by_state: dict[tuple[str, str], list[tuple]] = {}
for row in R:
    by_state.setdefault((row[0], row[1]), []).append(row)
for (slug, name), rows in by_state.items():
    out.append(f"{RULE}\n# {name[0].upper() + name[1:]}\n{RULE}\n")
    out.extend(report_block(row) for row in rows)
    out.append(state_block(slug, name, rows))
print("\n".join(out), end="")
