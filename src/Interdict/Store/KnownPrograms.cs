using Interdict.Model;

namespace Interdict.Store;

/// <summary>
/// Names of well-known OFAC program tags, after OFAC's published program list. The CSV and classic XML files
/// give only the tags, so without this table most programs would show up nameless. Names a source file
/// defines itself (ParseContext.ProgramNames) take precedence.
/// </summary>
public static class KnownPrograms
{
    private const string Ofac = "US Treasury OFAC";

    public static IReadOnlyList<SanctionsProgram> All { get; } =
    [
        new("BALKANS", "Western Balkans Stabilization Regulations", Ofac),
        new("BALKANS-EO14033", "Executive Order 14033 - Western Balkans", Ofac),
        new("BELARUS", "Belarus Sanctions Regulations", Ofac),
        new("BELARUS-EO14038", "Executive Order 14038 - Belarus", Ofac),
        new("BURMA-EO14014", "Executive Order 14014 - Burma", Ofac),
        new("CAATSA - IRAN", "Countering America's Adversaries Through Sanctions Act of 2017 - Iran", Ofac),
        new("CAATSA - RUSSIA", "Countering America's Adversaries Through Sanctions Act of 2017 - Russia", Ofac),
        new("CAR", "Central African Republic Sanctions Regulations", Ofac),
        new("CMIC-EO13959", "Executive Order 13959, as amended by Executive Order 14032 - Chinese Military-Industrial Complex", Ofac),
        new("CUBA", "Cuban Assets Control Regulations", Ofac),
        new("CYBER2", "Executive Order 13694, as amended by Executive Order 13757 - Cyber-Related Sanctions", Ofac),
        new("DARFUR", "Darfur Sanctions Regulations", Ofac),
        new("DPRK", "North Korea Sanctions Regulations", Ofac),
        new("DPRK2", "Executive Order 13687 - North Korea", Ofac),
        new("DPRK3", "Executive Order 13722 - North Korea", Ofac),
        new("DPRK4", "Executive Order 13810 - North Korea", Ofac),
        new("DPRK-NKSPEA", "North Korea Sanctions and Policy Enhancement Act of 2016", Ofac),
        new("DRCONGO", "Democratic Republic of the Congo Sanctions Regulations", Ofac),
        new("ELECTION-EO13848", "Executive Order 13848 - Foreign Interference in a United States Election", Ofac),
        new("FTO", "Foreign Terrorist Organizations Sanctions Regulations", Ofac),
        new("GLOMAG", "Global Magnitsky Sanctions Regulations", Ofac),
        new("HK-EO13936", "Executive Order 13936 - Hong Kong Normalization", Ofac),
        new("HRIT-IR", "Executive Order 13606 - Grave Human Rights Abuses via Information Technology (Iran)", Ofac),
        new("HRIT-SY", "Executive Order 13606 - Grave Human Rights Abuses via Information Technology (Syria)", Ofac),
        new("ICC-EO13928", "Executive Order 13928 - International Criminal Court", Ofac),
        new("IFCA", "Iran Freedom and Counter-Proliferation Act of 2012", Ofac),
        new("IFSR", "Iranian Financial Sanctions Regulations", Ofac),
        new("ILLICIT-DRUGS-EO14059", "Executive Order 14059 - Global Illicit Drug Trade", Ofac),
        new("IRAN", "Iranian Transactions and Sanctions Regulations", Ofac),
        new("IRAN-CON-ARMS-EO", "Executive Order 13949 - Conventional Arms Activities of Iran", Ofac),
        new("IRAN-EO13846", "Executive Order 13846 - Reimposing Certain Sanctions With Respect to Iran", Ofac),
        new("IRAN-EO13871", "Executive Order 13871 - Iron, Steel, Aluminum and Copper Sectors of Iran", Ofac),
        new("IRAN-EO13876", "Executive Order 13876 - Imposing Sanctions With Respect to Iran", Ofac),
        new("IRAN-EO13902", "Executive Order 13902 - Additional Sectors of Iran", Ofac),
        new("IRAN-HR", "Executive Order 13553 - Serious Human Rights Abuses by the Government of Iran", Ofac),
        new("IRAN-TRA", "Iran Threat Reduction and Syria Human Rights Act of 2012", Ofac),
        new("LEBANON", "Executive Order 13441 - Lebanon", Ofac),
        new("MAGNIT", "Sergei Magnitsky Rule of Law Accountability Act of 2012", Ofac),
        new("MALI-EO13882", "Executive Order 13882 - Mali", Ofac),
        new("NICARAGUA", "Executive Order 13851 - Nicaragua", Ofac),
        new("NICARAGUA-NHRAA", "Nicaragua Human Rights and Anticorruption Act of 2018", Ofac),
        new("NPWMD", "Weapons of Mass Destruction Proliferators Sanctions Regulations", Ofac),
        new("RUSSIA-EO14024", "Russian Harmful Foreign Activities Sanctions", Ofac),
        new("SDGT", "Global Terrorism Sanctions Regulations", Ofac),
        new("SDNT", "Narcotics Trafficking Sanctions Regulations", Ofac),
        new("SDNTK", "Foreign Narcotics Kingpin Sanctions Regulations", Ofac),
        new("SDT", "Terrorism Sanctions Regulations", Ofac),
        new("SOMALIA", "Somalia Sanctions Regulations", Ofac),
        new("SOUTH SUDAN", "South Sudan Sanctions Regulations", Ofac),
        new("SYRIA", "Syrian Sanctions Regulations", Ofac),
        new("SYRIA-CAESAR", "Caesar Syria Civilian Protection Act of 2019", Ofac),
        new("SYRIA-EO13894", "Executive Order 13894 - Syria", Ofac),
        new("TCO", "Transnational Criminal Organizations Sanctions Regulations", Ofac),
        new("UKRAINE-EO13660", "Executive Order 13660 - Ukraine", Ofac),
        new("UKRAINE-EO13661", "Executive Order 13661 - Ukraine", Ofac),
        new("UKRAINE-EO13662", "Executive Order 13662 - Ukraine", Ofac),
        new("UKRAINE-EO13685", "Executive Order 13685 - Crimea Region of Ukraine", Ofac),
        new("VENEZUELA", "Venezuela Sanctions Regulations", Ofac),
        new("VENEZUELA-EO13850", "Executive Order 13850 - Venezuela", Ofac),
        new("VENEZUELA-EO13884", "Executive Order 13884 - Government of Venezuela", Ofac),
        new("YEMEN", "Executive Order 13611 - Yemen", Ofac),
        new("ZIMBABWE", "Zimbabwe Sanctions Regulations", Ofac),
    ];
}
