// Every source the protocol cites, keyed as in CLINICAL.md section 10, with its tier:
// L regulatory text or cleared-device labelling, SR systematic review, C consensus
// guideline, P primary study, R narrative review or reference text, CL clinic, vendor
// or consumer page (practice convention only).

export const TIERS = ['L', 'SR', 'C', 'P', 'R', 'CL'] as const;
export type Tier = (typeof TIERS)[number];

export interface SourceInfo {
  tier: Tier;
  title: string;
  url: string;
}

export const SOURCES = {
  CFR878: {
    tier: 'L',
    title: '21 CFR 878.4430 Microneedling device for aesthetic use',
    url: 'https://law.lawstack.com/cfr/21/878.4430/',
  },
  FR2018: {
    tier: 'L',
    title:
      'FDA final order, Classification of the Microneedling Device for Aesthetic Use, 83 FR 26575 (8 Jun 2018), FR Doc 2018-12335',
    url: 'http://federal.elaws.us/fr/6/8/2018/2018-12335',
  },
  DEN160029: {
    tier: 'L',
    title: 'SkinPen Precision System De Novo summary',
    url: 'https://510k.innolitics.com/search/DEN160029',
  },
  K202243: {
    tier: 'L',
    title: 'SkinPen Precision 510(k) (neck wrinkles)',
    url: 'https://510k.innolitics.com/search/K202243',
  },
  K200044: {
    tier: 'L',
    title: 'SkinStylus SteriLock MicroSystem 510(k)',
    url: 'https://510k.innolitics.com/search/K200044',
  },
  K243800: {
    tier: 'L',
    title: 'PRO Pen Microneedling System 510(k)',
    url: 'https://510k.innolitics.com/search/K243800',
  },
  QAI: {
    tier: 'L',
    title: 'openFDA product code QAI',
    url: 'https://api.fda.gov/device/classification.json?search=product_code%3A%22QAI%22',
  },
  FDAGuid2020: {
    tier: 'L',
    title: 'FDA guidance "Regulatory Considerations for Microneedling Products" (10 Nov 2020)',
    url: 'https://digirepo.nlm.nih.gov/txt/nlm:nlmuid-9918249008306676-pdf',
  },
  Reguvirta: {
    tier: 'R',
    title: 'Summary of FDA microneedling guidance',
    url: 'https://reguvirta.com/posts/Regulatory_Considerations_for_Microneedling_Devices_Used_in_Aesthetic_Skin_Treatments',
  },
  Enzyme: {
    tier: 'CL',
    title: 'FDA Posts Microneedling Final Guidance',
    url: 'https://www.enzyme.com/blog/fda-microneedling-final-guidance',
  },
  SPconsent: {
    tier: 'L',
    title: 'SkinPen label contraindications/precautions reproduced in clinic consent',
    url: 'https://www.theeliteclinic.com/copy-of-alumier-peel',
  },
  '42West': {
    tier: 'L',
    title: 'SkinPen contraindications (clinic reproduction)',
    url: 'https://42westllc.com/service/personalized-aesthetic-injectables',
  },
  SPIFU: {
    tier: 'L',
    title: 'SkinPen Precision IFU (international)',
    url: 'https://www.readkong.com/page/instructions-for-use-microneedling-system-skinpen-8827155',
  },
  SPlabel: {
    tier: 'L',
    title: 'SkinPen Precision patient labelling',
    url: 'https://docslib.org/doc/3587676/patient-labeling',
  },
  SPmanualslib: {
    tier: 'L',
    title: 'SkinPen Precision manual, clinical study section (GAIS table, safety)',
    url: 'https://manualslib.fr/manual/363305/Bellus-Medical-Skinpen-Precision.html?page=5',
  },
  SPstudy: {
    tier: 'L',
    title: 'SkinPen Clinical Study Summary',
    url: 'https://pdfslide.us/documents/skinpen-clinical-study-summary-entercare-precision-system-for-the-treatment-of.html',
  },
  NCT02646917: {
    tier: 'P',
    title: 'SkinPen Efficacy on Acne Scars on the Face and/or Back',
    url: 'https://clinicaltrials.gov/show/NCT02646917',
  },
  Dermapen4: {
    tier: 'L',
    title: 'Dermapen 4 user manual, warnings & considerations',
    url: 'https://www.easymanua.ls/dermapen/4/manual?p=23',
  },
  FDAanes: {
    tier: 'L',
    title: 'FDA, Topical Anesthetic Drugs for Cosmetic Procedures (2007)',
    url: 'http://www.fda.gov/Safety/MedWatch/SafetyInformation/SafetyAlertsforHumanMedicalProducts/ucm170312.htm',
  },
  USPharm: {
    tier: 'R',
    title: 'US Pharmacist 2009, FDA alerts on skin-numbing products',
    url: 'https://uspharmacist.com/article/fda-alerts-public-about-danger-of-skin-numbing-products',
  },
  Epoch2024: {
    tier: 'CL',
    title: 'News report on 2024 FDA warning (>4% lidocaine products)',
    url: 'https://www.theepochtimes.com/health/fda-warns-consumers-about-high-lidocaine-topical-pain-relief-products-5615915',
  },
  NCT05909072: {
    tier: 'P',
    title: 'Tranexamic Acid With Microneedling in Melasma (eligibility)',
    url: 'https://trials.co/clinical-trials-details/-/NCT05909072',
  },
  Alster2018: {
    tier: 'R',
    title: 'Alster TS, Graham PM. Microneedling: a review and practical guide. Dermatol Surg 2018;44:397–404',
    url: 'https://www.scribd.com/document/392855998/Alster-2017-Review-microneedling',
  },
  DW2018: {
    tier: 'R',
    title: 'AAD Dermatology World, "The many uses of microneedling" (Sept 2018)',
    url: 'https://vdocuments.site/the-many-uses-of-microneedling-topical-numbing-is-not-required-and-this-usually.html',
  },
  StatPearls: {
    tier: 'R',
    title: 'Litchman G et al. Microneedling. StatPearls',
    url: 'https://www.statpearls.com/sp/ms/38285/',
  },
  Singh2016: {
    tier: 'R',
    title: 'Singh A, Yadav S. Microneedling: advances and widening horizons. Indian Dermatol Online J 2016;7:244–54',
    url: 'http://www.idoj.in/article.asp?issn=2229-5178;year=2016;volume=7;issue=4;spage=244;epage=254;aulast=Singh;type=3',
  },
  Hou2017: {
    tier: 'R',
    title: 'Hou A et al. Microneedling: a comprehensive review. Dermatol Surg 2017;43:321–39',
    url: 'https://ouci.dntb.gov.ua/works/45263DDl',
  },
  Iriarte2017: {
    tier: 'R',
    title: 'Iriarte C et al. Review of applications of microneedling in dermatology. CCID 2017',
    url: 'https://ebusca.uv.mx/Record/pubmed-5556180/Details',
  },
  Harris2015: {
    tier: 'R',
    title: 'Harris AG et al. Skin needling as a treatment for acne scarring. Int J Womens Dermatol 2015;1:77–81',
    url: 'https://d.docksci.com/skin-needling-as-a-treatment-for-acne-scarring-an-up-to-date-review-of-the-liter_59f17e95d64ab26ec9e55217.html',
  },
  Juhasz2020: {
    tier: 'R',
    title: 'Juhasz MLW, Cohen JL. Microneedling for the treatment of scars. CCID 2020;13:997–1003',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7764156',
  },
  Chu2021: {
    tier: 'SR',
    title: 'Chu S et al. Safety profile for microneedling: a systematic review. Dermatol Surg 2021;47:1249–54',
    url: 'https://ouci.dntb.gov.ua/en/works/7X1Z3mr4',
  },
  MDedgeChu: {
    tier: 'R',
    title: 'MDedge summary of Chu 2021',
    url: 'https://mdedge9-ma1.mdedge.com/dermatology/article/245879/aesthetic-dermatology/study-finds-most-adverse-events-microneedling-are',
  },
  Gowda2021: {
    tier: 'SR',
    title:
      'Gowda A et al. A systematic review examining the potential adverse effects of microneedling. J Clin Aesthet Dermatol 2021;14(1):45–54',
    url: 'https://suppr.wilddata.cn/browses/detail/pubmed/33584968',
  },
  Friedmann2024: {
    tier: 'SR',
    title: 'Friedmann DP et al. Granulomatous reactions from microneedling: a systematic review. Dermatol Surg 2024',
    url: 'https://ouci.dntb.gov.ua/works/l16LrMY9',
  },
  Cohen2016: {
    tier: 'R',
    title: 'Cohen BE, Elbuluk N. Microneedling in skin of color. J Am Acad Dermatol 2016;74:348–55',
    url: 'http://pubmed.ncbi.nlm.nih.gov/26549251/',
  },
  Waldman2017: {
    tier: 'C',
    title: 'ASDS Guidelines Task Force: isotretinoin and procedures. Dermatol Surg 2017;43:1249–62',
    url: 'https://scholars.mssm.edu/en/publications/asds-guidelines-task-force-consensus-recommendations-regarding-th-2',
  },
  Hospitalist: {
    tier: 'R',
    title: 'Summary of ASDS isotretinoin consensus',
    url: 'https://community.the-hospitalist.org/content/expert-panel-little-support-delaying-cosmetic-procedures-after-isotretinoin',
  },
  Mysore2017: {
    tier: 'C',
    title:
      'Mysore V et al. Standard guidelines of care: procedures in patients on/recently on isotretinoin. JCAS 2017;10:186–94',
    url: 'http://www.jcasonline.com/article.asp?issn=0974-2077;year=2017;volume=10;issue=4;spage=186;epage=194;aulast=Mysore;type=0',
  },
  Mahadevappa2016: {
    tier: 'P',
    title: 'ISO-AIMS multicentre study. JCAS 2016',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4924407',
  },
  Mysore2019: {
    tier: 'R',
    title: 'Mysore V et al. Isotretinoin and dermatosurgical procedures. IJDVL 2019;85:18–23',
    url: 'https://ijdvl.com/isotretinoin-and-dermatosurgical-procedures',
  },
  ProjectLEAD: {
    tier: 'R',
    title: 'Winkelmann R. Microneedling while on isotretinoin (clinical corner)',
    url: 'https://projectlead.health/clinical-corner/what-do-you-tell-your-patients-about-microneedling-while-on-isotretinoin/',
  },
  KangLu2022: {
    tier: 'SR',
    title: 'Kang C, Lu D. Microneedling + PRP for acne scars: meta-analysis. Front Med 2022',
    url: 'https://www.frontiersin.org/articles/10.3389/fmed.2021.788754/full',
  },
  Long2020: {
    tier: 'SR',
    title:
      'Long T et al. PRP in noninvasive procedures for atrophic acne scars: SR/MA. J Cosmet Dermatol 2020;19:836–44',
    url: 'https://integrativedryneedling.com/platelet-rich-plasma-in-noninvasive-procedures-for-atrophic-acne-scars-a-systematic-review-and-meta-analysis/',
  },
  Bailey2022: {
    tier: 'SR',
    title:
      'Bailey AJM et al. Microneedling as an adjuvant to topical therapies for melasma: SR/MA. JAAD 2022;86:797–810',
    url: 'https://scribd.com/document/614152193/Erminia',
  },
  Wu2020: {
    tier: 'SR',
    title: 'Wu SZ et al. SR of microneedling in melasma. Dermatol Surg 2020;46:1636–41',
    url: 'https://ouci.dntb.gov.ua/en/works/lD0ybmZl',
  },
  He2024: {
    tier: 'SR',
    title: 'He S et al. Microneedle-assisted therapy for melasma: MA of RCTs. Aesthetic Plast Surg 2024',
    url: 'https://ouci.dntb.gov.ua/en/works/4w5KQnJ9',
  },
  English2021: {
    tier: 'SR',
    title: 'English RS et al. Microneedling in hair loss disorders: SR. Dermatol Ther 2022;12:41–60',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8776974',
  },
  Ahmed2025: {
    tier: 'SR',
    title: 'Ahmed KMA et al. Combined MN vs minoxidil in AGA: SR/MA. Arch Dermatol Res 2025;317:528',
    url: 'https://ouci.dntb.gov.ua/en/works/4yk8WRL9',
  },
  JCD2024: {
    tier: 'SR',
    title: 'Combined MN therapy for AGA: SR/MA of RCTs. J Cosmet Dermatol 2024;23:1560–72',
    url: 'https://proxy.weglot.com/wg_8714b7f1589aa0f6c92979708057c4a57/en/es/pubmed.ncbi.nlm.nih.gov/38239003',
  },
  Thieme2024: {
    tier: 'SR',
    title: 'Microneedle for hair regrowth in AGA: SR/MA',
    url: 'https://thieme-connect.com/products/ejournals/html/10.1055/s-0044-1782181?lang=de',
  },
  AesPlastSurg2024: {
    tier: 'SR',
    title: 'Microneedling therapy for striae distensae: SR/MA',
    url: 'https://doi.org/10.1007/s00266-024-03954-x',
  },
  FMRvsFCLmeta: {
    tier: 'SR',
    title: 'FMR vs fractional CO₂ for striae, meta-analysis (abstract)',
    url: 'https://discovery.researcher.life/topic/micro-needle-radiofrequency/5699357?page=1&topic_name=Micro-needle+Radiofrequency',
  },
  Pajak2022: {
    tier: 'R',
    title: 'Pająk J et al. Micro-needling in neck and cleavage rejuvenation: narrative review. IJERPH 2022;19:9055',
    url: 'https://ouci.dntb.gov.ua/en/works/4KXmnBnl',
  },
  Shauly2023: {
    tier: 'R',
    title: 'Shauly O et al. Radiofrequency microneedling: technology, devices, indications. ASJ Open Forum 2023',
    url: 'https://academic.oup.com/asjopenforum/article/doi/10.1093/asjof/ojad100/7367886',
  },
  Weiner: {
    tier: 'R',
    title: 'Weiner SF. Radiofrequency microneedling: overview',
    url: 'https://onehourindexing01.prideseotools.com/index.php?q=https%3A%2F%2Fwww.scribd.com%2Fdocument%2F551736906%2Fpiele1',
  },
  AlessaBloom: {
    tier: 'R',
    title: 'Alessa D, Bloom JD. Microneedling options for skin rejuvenation',
    url: 'https://scribd.com/document/647946161/Microneedling-3',
  },
  Kesty2020: {
    tier: 'R',
    title: 'Kesty K, Goldberg DJ. RF microneedling for acne, acne scars and more. 2020',
    url: 'https://www.scribd.com/document/649044583/Radiofrequency-microneedling-for-acne-acne-scars-and-more-2020',
  },
  MDedgeRF: {
    tier: 'R',
    title: 'How does radiofrequency microneedling work?',
    url: 'https://qa00.mdedge.com/dermatology/article/256565/aesthetic-dermatology/how-does-radiofrequency-microneedling-work',
  },
  Goodman2019: {
    tier: 'R',
    title: 'Goodman GJ. Post-acne scarring (book chapter)',
    url: 'https://rd.springer.com/chapter/10.1007%2F978-3-030-02023-1_48',
  },
  Tam2022: {
    tier: 'R',
    title: 'Tam C et al. Non-energy-based treatments for atrophic acne scarring. CCID 2022',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8963193',
  },
  Advances: {
    tier: 'R',
    title: 'Microneedling for medical and aesthetic purposes: current indications and new advances (abstract)',
    url: 'https://discovery.researcher.life/article/microneedling-for-medical-and-aesthetic-purposes-current-indications-and-new-advances/f95f2def789935b880918bd2c3cf2b45',
  },
  Nickel: {
    tier: 'R',
    title: 'Microneedling in the nickel-allergic patient (commentary)',
    url: 'https://discovery.researcher.life/article/microneedling-in-the-nickelallergic-patient/c8899e67f5a533c49f3aeecd650e8d17',
  },
  Alam2014: {
    tier: 'P',
    title: 'Alam M et al. Efficacy of a needling device for acne scars: RCT. JAMA Dermatol 2014',
    url: 'https://pl.scribd.com/document/244986530/Eficacy-of-a-Needling-Device-for-the-Treatment-of-Acne-Scars',
  },
  Dogra2014: {
    tier: 'P',
    title: 'Dogra S et al. Microneedling for acne scars in Asian skin type. J Cosmet Dermatol 2014',
    url: 'https://read.qxmd.com/read/25196684/microneedling-for-acne-scars-in-asian-skin-type-an-effective-low-cost-treatment-modality',
  },
  Fabbrocini2014: {
    tier: 'P',
    title:
      'Fabbrocini G et al. PCI for post-acne scarring in different skin phototypes. J Dermatolog Treat 2014;25:147–52',
    url: 'https://pubmed.ncbi.nlm.nih.gov/23216209/',
  },
  Majid2009: {
    tier: 'P',
    title: 'Majid I. Microneedling in atrophic facial scars. JCAS 2009;2:26–30',
    url: 'http://www.jcasonline.com/printarticle.asp?issn=0974-2077;year=2009;volume=2;issue=1;spage=26;epage=30;aulast=Majid',
  },
  ElDomyati2015s: {
    tier: 'P',
    title: 'El-Domyati M et al. Microneedling for atrophic acne scars: objective evaluation. JCAD 2015',
    url: 'https://jcadonline.com/microneedling-therapy-for-atrophic-acne-scars-an-objective-evaluation/',
  },
  ElDomyati2015a: {
    tier: 'P',
    title: 'El-Domyati M et al. Microneedling for photoaging (Int J Dermatol 2015), news summary',
    url: 'https://medicalxpress.com/news/2015-11-microneedling-beneficial-photoaged-skin.html',
  },
  Iasj: {
    tier: 'P',
    title: '2.5 mm vs 1.5 mm automated microneedling split-face',
    url: 'https://www.iasj.net/iasj/article/186069',
  },
  Sohag: {
    tier: 'P',
    title: 'Efficacy of microneedling in acne scars (Sohag Med J)',
    url: 'https://smj.journals.ekb.eg/article_40927.html',
  },
  Tirmizi2021: {
    tier: 'P',
    title: 'Tirmizi SS et al. Microneedling in atrophic post-acne scars. Cureus 2021',
    url: 'https://docslib.org/doc/7752339/role-of-microneedling-in-atrophic-post-acne-scars-an-experience-from-a-tertiary-care-hospital',
  },
  HK2018: {
    tier: 'P',
    title: 'Microneedling for atrophic post-acne scars, 36 cases. Hong Kong J Dermatol Venereol 2018',
    url: 'https://medcomhk.com/hkdvb/details.asp?id=825&show=1234',
  },
  Chawla2014: {
    tier: 'P',
    title: 'Chawla S. MN + PRP vs MN + vitamin C, split-face. JCAS 2014',
    url: 'https://ar.scribd.com/document/353795754/Split-Face-Comparative-Study-of-Microneedling-With-PRP-Versus',
  },
  Chakrawarty: {
    tier: 'P',
    title: 'Chakrawarty R, Jaiswal MK. MN vs MN + vitamin C for acne scars',
    url: 'http://ssjournals.com.md-in-1.webhostbox.net/index.php/ijbr/article/view/4445',
  },
  DarkSkinStudy: {
    tier: 'P',
    title: 'Microneedling for acne scars with pigmentation in dark skin (abstract)',
    url: 'https://revivetrainings.com/skin-microneedling-for-acne-scars-associated-with-pigmentation-in-patients-with-dark-skin/',
  },
  Claytor2022: {
    tier: 'P',
    title: 'Claytor RB et al. Microneedling outcomes in early postsurgical scars. PRS 2022;150:557e–561e',
    url: 'http://breastsurgbull.blogspot.com/2022/09/microneedling-outcomes-in-early.html',
  },
  AlsterLi2020: {
    tier: 'P',
    title: 'Alster TS, Li MKY. Microneedling of scars: large prospective study. PRS 2020;145:358–64',
    url: 'https://journals.lww.com/plasreconsurg/Fulltext/2020/02000/Microneedling_of_Scars__A_Large_Prospective_Study.17.aspx',
  },
  Exceed2018: {
    tier: 'P',
    title: 'Automated microneedling device for facial rejuvenation (J Clin Aesthet Dermatol)',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6122507/',
  },
  ASJ2021: {
    tier: 'P',
    title: 'Microneedling on facial and neck fine lines and wrinkles (Aesthet Surg J 2021; PMID 33656167)',
    url: 'https://api-pubmed-ncbi.laibokeji.com/33656167',
  },
  Aust2008: {
    tier: 'P',
    title: 'Aust MC et al. Percutaneous collagen induction therapy. PRS 2008;121:1421–9',
    url: 'http://journals.lww.com/plasreconsurg/Abstract/2008/04000/Percutaneous_Collagen_Induction_Therapy__An.46.aspx',
  },
  Fabbrocini2012: {
    tier: 'P',
    title: 'Fabbrocini G et al. CIT for upper-lip wrinkles. J Dermatolog Treat 2012;23:144–52',
    url: 'https://abcdocz.com/doc/138536/collagen-induction-therapy-for-the-treatment-of-upper-lip...',
  },
  Amore2021: {
    tier: 'P',
    title: 'Amore R et al. Facial anti-aging with soft peeling and microneedling. Appl Sci 2021;11:6068',
    url: 'https://ouci.dntb.gov.ua/en/works/lomx0en7',
  },
  NAFL2019: {
    tier: 'P',
    title: 'Microneedling vs fractional non-ablative laser for striae alba: RCT. Am J Clin Dermatol',
    url: 'https://link.springer.com/10.1007/s40257-018-0415-0',
  },
  CO2vsMN2022: {
    tier: 'P',
    title: 'Microneedling vs CO₂ fractional laser for striae alba: RCT. Dermatol Ther 2022',
    url: 'https://suppr.wilddata.cn/browses/detail/pubmed/34796595',
  },
  JEWDS2017: {
    tier: 'P',
    title: 'Microneedling vs microdermabrasion for striae. J Egypt Womens Dermatol Soc 2017',
    url: 'https://journals.lww.com/jewds/Fulltext/2017/05000/A_comparative_clinical_and_histopathological_study.4.aspx',
  },
  ArchDermRes2023: {
    tier: 'P',
    title: 'Microneedling for striae alba (Arch Dermatol Res 2023)',
    url: 'https://link.springer.com/article/10.1007/s00403-023-02601-w',
  },
  Sobhi: {
    tier: 'P',
    title: 'FMR vs fractional CO₂ for striae (Lasers Med Sci)',
    url: 'https://www.springermedizin.de/comparative-study-between-the-efficacy-of-fractional-micro-needl/16690106',
  },
  Lima2017: {
    tier: 'P',
    title: 'Microneedling as adjuvant for facial melasma, pilot. BMC Dermatol 2017;17:14',
    url: 'https://bmcdermatol.biomedcentral.com/articles/10.1186/s12895-017-0066-5',
  },
  Ismail2019: {
    tier: 'P',
    title: 'Microneedling with topical vitamin C in melasma. J Cosmet Dermatol 2019',
    url: 'https://scribd.com/document/707890737/Eficacia-Do-Microagulhamento-Com-Vitamina-C-Topica-No-Tratamento-Do-Melasma',
  },
  Raza: {
    tier: 'P',
    title: 'Microneedling with TXA vs vitamin C in melasma (JAMC)',
    url: 'https://jamc.ayubmed.edu.pk/jamc/index.php/jamc/article/view/9840',
  },
  TXAmeso: {
    tier: 'P',
    title: 'TXA microinjections vs TXA mesoneedling, split-face RCT (abstract)',
    url: 'https://discovery.researcher.life/article/tranexamic-acid-microinjections-versus-tranexamic-acid-mesoneedling-in-the-treatment-of-facial-melasma-a-randomized-assessorblind-splitface-controlled-trial/c4145efc8fc337ce910d0b53e69c2662',
  },
  Dhurat2013: {
    tier: 'P',
    title: 'Dhurat R et al. Microneedling in androgenetic alopecia. Int J Trichology 2013;5:6–11',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3746236/',
  },
  Kumar2018: {
    tier: 'P',
    title: 'Kumar MK et al. Minoxidil + microneedling vs minoxidil in AGA. JCAS 2018;11:211–6',
    url: 'http://www.jcasonline.com/article.asp?issn=0974-2077;year=2018;volume=11;issue=4;spage=211;epage=216;aulast=Kumar',
  },
  RosaceaCR: {
    tier: 'P',
    title: 'BoNT-A with non-thermal microneedling for ETR: case report',
    url: 'https://www.researchsquare.com/article/rs-1570433/v1.html',
  },
  BoNTFMR: {
    tier: 'P',
    title: 'Transdermal botulinum toxin via fractional RF-MN for rosacea erythema (abstract)',
    url: 'https://discovery.researcher.life/article/a-novel-regimen-of-transdermal-botulinum-toxin-delivery-using-fractional-microneedling-radiofrequency-for-treatment-of-erythema-in-rosacea/a9cd91ffcefb3c75b36306e70c09d5aa',
  },
  Wu2022: {
    tier: 'P',
    title: 'MFRS and skin barrier, Dermatol Ther 2022',
    url: 'https://www.springermedizin.de/can-microneedle-fractional-radiofrequency-system-treatment-impai/23522592',
  },
  Soltani2014: {
    tier: 'P',
    title:
      'Soltani-Arabshahi R et al. Facial allergic granulomatous reaction after microneedling. JAMA Dermatol 2014;150:68–72',
    url: 'http://archderm.jamanetwork.com/article.aspx?articleid=1783057',
  },
  PMC8008152: {
    tier: 'P',
    title: 'Granulomatous dermatitis after microneedling, case report',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8008152',
  },
  Doddaballapur2009: {
    tier: 'P',
    title: 'Doddaballapur S. Microneedling with dermaroller. JCAS 2009;2:110–1',
    url: 'https://www.researchgate.net/publication/46108349_Microneedling_with_Dermaroller',
  },
  'GBqual-abs': {
    tier: 'P',
    title:
      'Goodman GJ, Baron JA. Postacne scarring: a qualitative global scarring grading system. Dermatol Surg 2006 (PMID 17199653)',
    url: 'https://anonyproxies.com/a2/index.php?q=https%3A%2F%2Fpubmed.ncbi.nlm.nih.gov%2F17199653%2F',
  },
  'GBqual-blog': {
    tier: 'CL',
    title: 'Reproduction of the Goodman–Baron qualitative grades',
    url: 'https://geantsage.pixnet.net/blog/category/3221558',
  },
  'GBqual-check': {
    tier: 'CL',
    title:
      'A medical Q&A site independently gives the same grade 3/4 stretch criterion (not an authoritative source; used only as a check)',
    url: 'https://www.droracle.ai/articles/821269/what-is-the-most-widely-used-system-for-grading',
  },
  GBquant: {
    tier: 'P',
    title:
      'Goodman GJ, Baron JA. Postacne scarring: a quantitative global scarring grading system. J Cosmet Dermatol 2006',
    url: 'https://zendy.io/title/10.1111/j.1473-2165.2006.00222.x',
  },
  ECCA: { tier: 'P', title: 'ECCA grading scale abstract', url: 'https://staging.scite.ai/authors/n-orain-XjK92E' },
  FitzNCBI: {
    tier: 'R',
    title: 'NCBI Bookshelf table: Fitzpatrick classification of skin types I–VI',
    url: 'https://www.ncbi.nlm.nih.gov/books/NBK481857/table/chapter6.t1/',
  },
  FitzHist: {
    tier: 'R',
    title: 'Fitzpatrick phototype history (PubMed 32491558)',
    url: 'https://pubmed.ncbi.nlm.nih.gov/32491558/',
  },
  'Glogau-AA': { tier: 'CL', title: 'Glogau wrinkle scale', url: 'https://www.appearancesaesthetics.co.uk/glo' },
  'Glogau-table': {
    tier: 'CL',
    title: 'Glogau classification table',
    url: 'https://www.mussenhealth.us/hearing-loss-2/table-302-glogau-classification.html',
  },
  'Glogau-ilmel': {
    tier: 'CL',
    title: 'Glogau classification of photoageing',
    url: 'https://www.ilmelanoma.com/en/melanoma/risk-factors/glogau-classification-of-photoaging/',
  },
  MIMS: {
    tier: 'R',
    title: 'MIMS rhytides diagnosis (modified Fitzpatrick wrinkle classes; Fitzpatrick sun-reactive types)',
    url: 'https://specialty.mims.com/rhytides%20(wrinkles)/diagnosis?channel=dermatology',
  },
  Refissa: {
    tier: 'CL',
    title: 'Fitzpatrick wrinkle classes I–III',
    url: 'https://refissa.com/see-the-difference.php',
  },
  MFWS: {
    tier: 'P',
    title: 'Shoshani D et al. Modified Fitzpatrick Wrinkle Scale. Dermatol Surg 2008',
    url: 'http://www.pubmed.gov/18547187/',
  },
  Lemperle: {
    tier: 'P',
    title: 'Lemperle G et al. A classification of facial wrinkles. PRS 2001',
    url: 'https://www.researchgate.net/publication/11643185_A_Classification_of_Facial_Wrinkles',
  },
  MASIcalc: {
    tier: 'R',
    title: 'MASI (Kimbrough-Green) calculator',
    url: 'https://www.medicalalgorithms.com/melasma-area-and-severity-index-masi-of-kimbrough-green-et-al',
  },
  Altmeyer: {
    tier: 'R',
    title: 'MASI description, citing Pandya 2011',
    url: 'https://altmeyers.org/de/dermatologie/melasma-assessment-severity-index-16838',
  },
  PSKey: {
    tier: 'R',
    title: 'The scoring aid: MASI and modified MASI',
    url: 'https://plasticsurgerykey.com/the-scoring-aid-masi-and-modified-masi/',
  },
  'mMASI-JAMA': {
    tier: 'P',
    title: 'Interpretability of the mMASI. JAMA Dermatol 2016;152:1051–2',
    url: 'https://jamanetwork.com/journals/jamadermatology/fullarticle/2519450',
  },
  'mMASI-scilit': {
    tier: 'P',
    title: 'Interpretability of the mMASI (index entry)',
    url: 'https://www.scilit.net/publications/3f939b22332a8a2a7db28a4865f74623',
  },
  Bartleby: {
    tier: 'CL',
    title: 'Essay on melasma severity scoring',
    url: 'https://www.bartleby.com/essay/Melasma-Severity-Index-PJJXCD7LA3B',
  },
  'Norwood-spotidoc': {
    tier: 'R',
    title: 'Norwood–Hamilton scale figure legend',
    url: 'https://spotidoc.com/doc/88411/expert-reviews-the-norwood%E2%80%94hamilton-scale-of-male-pattern',
  },
  Alviarmani: {
    tier: 'CL',
    title: 'Genetic pattern hair loss (clinic page)',
    url: 'https://www.alviarmani.com/genetic-pattern-hair-loss/',
  },
  Keratin: {
    tier: 'CL',
    title: 'Hamilton male pattern baldness classification',
    url: 'https://www.keratin.com/androgenetic-alopecia/the-hamilton-male-pattern-baldness-classification-system',
  },
  HairlossIE: {
    tier: 'CL',
    title: 'Androgenetic alopecia (clinic page)',
    url: 'https://www.hairloss.ie/androgenetic-alopecia/',
  },
  BBHair: { tier: 'CL', title: 'Ludwig types I–III', url: 'https://bbhair.com:443/index.php/pageid/1131' },
  HairMD: { tier: 'CL', title: 'Olsen pattern', url: 'http://hairmd.com/photo-results/ludwig-for-women' },
  HairMore: {
    tier: 'CL',
    title: 'Ludwig vs Sinclair',
    url: 'https://hairmore.info/science/ludwig-scale-female-hair-loss-2026/',
  },
  MillionHair: {
    tier: 'CL',
    title: 'What is the Ludwig scale (clinic page)',
    url: 'https://millionhaircenter.com/en/what-is-the-ludwig-scale/',
  },
  CyberAtlantis: {
    tier: 'CL',
    title: 'Ludwig scale (web page)',
    url: 'https://hairloss.cyberatlantis.com/library/ludwig_scale.php',
  },
  Nuance: { tier: 'CL', title: 'nuanceaesthetics.com', url: 'https://nuanceaesthetics.com/post-care/microneedling/' },
  Wellspring: {
    tier: 'CL',
    title: 'wellspringmedicalspa.com',
    url: 'https://www.wellspringmedicalspa.com/microneedlinginstructions',
  },
  Elle: {
    tier: 'CL',
    title: 'elleskinandbeautyco.com',
    url: 'https://elleskinandbeautyco.com/skinpen-microneedling-pre-post-care',
  },
  DesertSage: {
    tier: 'CL',
    title: 'desertsagederm.com',
    url: 'https://www.desertsagederm.com/microneedling-after-instructions-dermatology-nurse-practitioner-scottsdale-az.html',
  },
  Dermatique: {
    tier: 'CL',
    title: 'dermatiquelaserandskin.com',
    url: 'https://www.dermatiquelaserandskin.com/skinpen-pre-post-care-instructions/',
  },
  Wake: {
    tier: 'CL',
    title: 'wakeskincarellc.com',
    url: 'https://www.wakeskincarellc.com/client-consult-forms/skinpen-precision-microneedling-aftercare/',
  },
  BrowsOfJoy: {
    tier: 'CL',
    title: 'shop.browsofjoy.com',
    url: 'https://shop.browsofjoy.com/pages/skinpen-microneedling-pre-post-care',
  },
  Flawless: {
    tier: 'CL',
    title: 'flawlesssi.com',
    url: 'https://flawlesssi.com/microneedling-and-fibroblast-what-to-expect/',
  },
  SkinBySalima: { tier: 'CL', title: 'skinbysalima.com', url: 'https://skinbysalima.com/skinpen-faqs/' },
  MedicaSkin: {
    tier: 'CL',
    title: 'medicaskinclinic.com.au',
    url: 'https://www.medicaskinclinic.com.au/new-products/our-services/skinpen/',
  },
  YourGreatSkin: {
    tier: 'CL',
    title: 'yourgreatskin.com',
    url: 'https://www.yourgreatskin.com/so-what-exactly-is-skinpen/',
  },
  RealSelf: { tier: 'CL', title: 'realself.com', url: 'https://www.realself.com/nonsurgical/skinpen' },
  GrahamPS: { tier: 'CL', title: 'grahamplasticsurgery.com', url: 'https://grahamplasticsurgery.com/microneedling/' },
  Graham2016: { tier: 'CL', title: 'drpmg.com', url: 'https://drpmg.com/2016/06/21/microneedling-whats-the-buzz/' },
  ISkin: {
    tier: 'CL',
    title: 'iS Skin Source 2021 Q3 p.104',
    url: 'https://viewer.joomag.com/is-skin-source-2021-q3/0711335001627819483/p104',
  },
  Sisu: {
    tier: 'CL',
    title: 'sisubeautyclinic.com',
    url: 'https://sisubeautyclinic.com/blogs/microneedling/microneedling-contraindications',
  },
  Balance: {
    tier: 'CL',
    title: 'balancedayspa.com',
    url: 'https://balancedayspa.com/pages/microneedling-contraindications',
  },
  Kichi: { tier: 'CL', title: 'kichi.studio', url: 'https://kichi.studio/pages/microneedling-suitability' },
  Esthetik: { tier: 'CL', title: 'esthetikmtl.com', url: 'https://www.esthetikmtl.com/en/consultation-microneedling' },
  jazminek: { tier: 'CL', title: 'jazminek-pa.com', url: 'http://www.jazminek-pa.com/microneedling-peel-instructions' },
  RenewedSpirit: {
    tier: 'CL',
    title: 'renewedspiritdayspa.com',
    url: 'https://www.renewedspiritdayspa.com/microneedling-contraindications',
  },
  DrMorgan: {
    tier: 'CL',
    title: 'drmorgancosmeticsurgery.com',
    url: 'https://drmorgancosmeticsurgery.com/preventing-cold-sores-when-having-a-facial-cosmetic-surgery-treatment',
  },
  YourBestSelves: {
    tier: 'CL',
    title: 'yourbestselves.com',
    url: 'https://yourbestselves.com/can-microneedling-trigger-cold-sores',
  },
  MNBeforeAfterInfection: {
    tier: 'CL',
    title: 'microneedlingbeforeafter.com',
    url: 'https://microneedlingbeforeafter.com/tag/skin-rejuvenation',
  },
  GlowRefinery: {
    tier: 'CL',
    title: 'glow-refinery.com',
    url: 'https://www.glow-refinery.com/blogs/microneedling-resources/microneedling-depth-guide-for-different-areas-of-your-face',
  },
  MNBeforeAfter: {
    tier: 'CL',
    title: 'microneedlingbeforeafter.com',
    url: 'https://microneedlingbeforeafter.com/es/blog',
  },
  DivyaSharma: { tier: 'CL', title: 'drdivyasharma.com', url: 'https://www.drdivyasharma.com/dermaroller/' },
  Chakote: { tier: 'CL', title: 'drsmitachakote.com', url: 'https://drsmitachakote.com/acne-scar-treatment/' },
  Kandhari: {
    tier: 'CL',
    title: 'drrajatkandhari.com',
    url: 'https://www.drrajatkandhari.com/services/hair-care/dermaroller/',
  },
  PlasticnaKirurgija: {
    tier: 'CL',
    title: 'plasticna-kirurgija.si',
    url: 'https://www.plasticna-kirurgija.si/en/non-surgical/microneedling/',
  },
  DavinLim: { tier: 'CL', title: 'drdavinlim.com', url: 'https://drdavinlim.com/melasma-microneedlng/' },
  Ro: { tier: 'CL', title: 'ro.co', url: 'https://ro.co/dermatology/collagen-induction-therapy' },
  Grokipedia: { tier: 'CL', title: 'grokipedia.com', url: 'https://grokipedia.com/page/skin_pen' },
} as const satisfies Record<string, SourceInfo>;

export type SourceKey = keyof typeof SOURCES;

/** The highest-authority tier among the sources (L first, CL last). */
export function strongestTier(sources: readonly SourceKey[]): Tier {
  let best = TIERS.length - 1;
  for (const key of sources) {
    const rank = TIERS.indexOf(SOURCES[key].tier);
    if (rank < best) best = rank;
  }
  return TIERS[best]!;
}
