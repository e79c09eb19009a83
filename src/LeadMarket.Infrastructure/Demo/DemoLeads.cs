using System.Globalization;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Demo;

/// <summary>
/// Varied, realistic demo leads per vertical, as a publisher's form would send them: people across Germany,
/// Austria and Switzerland, German- and English-speaking, their needs and the vertical's own fields, direct,
/// co-registration and sweepstakes sources with their consent evidence, and now and then a lead the pre-ping
/// rejects (a disposable address, a made-up name, missing double opt-in), as real feeds have them.
/// </summary>
public sealed class DemoLeads(Random random)
{
    private sealed record Place(string Country, string PostalCode, string City, string AreaCode);

    private static readonly Place[] Places =
    [
        new("DE", "80331", "München", "89"), new("DE", "81675", "München", "89"), new("DE", "10115", "Berlin", "30"), new("DE", "10961", "Berlin", "30"),
        new("DE", "12049", "Berlin", "30"), new("DE", "20095", "Hamburg", "40"), new("DE", "22765", "Hamburg", "40"), new("DE", "50667", "Köln", "221"),
        new("DE", "51105", "Köln", "221"), new("DE", "60311", "Frankfurt am Main", "69"), new("DE", "65183", "Wiesbaden", "611"), new("DE", "70173", "Stuttgart", "711"),
        new("DE", "71063", "Sindelfingen", "7031"), new("DE", "40213", "Düsseldorf", "211"), new("DE", "44135", "Dortmund", "231"), new("DE", "45127", "Essen", "201"),
        new("DE", "04109", "Leipzig", "341"), new("DE", "01067", "Dresden", "351"), new("DE", "90402", "Nürnberg", "911"), new("DE", "93047", "Regensburg", "941"),
        new("DE", "30159", "Hannover", "511"), new("DE", "28195", "Bremen", "421"), new("DE", "79098", "Freiburg im Breisgau", "761"), new("DE", "86150", "Augsburg", "821"),
        new("DE", "24103", "Kiel", "431"), new("DE", "18055", "Rostock", "381"), new("DE", "99084", "Erfurt", "361"), new("DE", "39104", "Magdeburg", "391"),
        new("DE", "55116", "Mainz", "6131"), new("DE", "66111", "Saarbrücken", "681"), new("DE", "68159", "Mannheim", "621"), new("DE", "97070", "Würzburg", "931"),
        new("DE", "48143", "Münster", "251"), new("DE", "33602", "Bielefeld", "521"), new("DE", "76133", "Karlsruhe", "721"), new("DE", "83022", "Rosenheim", "8031"),
        new("AT", "1010", "Wien", "1"), new("AT", "1100", "Wien", "1"), new("AT", "8010", "Graz", "316"), new("AT", "4020", "Linz", "732"),
        new("AT", "5020", "Salzburg", "662"), new("AT", "6020", "Innsbruck", "512"), new("AT", "9020", "Klagenfurt", "463"),
        new("CH", "8001", "Zürich", "44"), new("CH", "8400", "Winterthur", "52"), new("CH", "3011", "Bern", "31"), new("CH", "4051", "Basel", "61"),
        new("CH", "6003", "Luzern", "41"), new("CH", "9000", "St. Gallen", "71"),
    ];

    private static readonly string[] FirstNames =
    [
        "Anna", "Jonas", "Lea", "Lukas", "Sophie", "Felix", "Marie", "Paul", "Emma", "Elias", "Hannah", "Noah", "Mia", "Leon", "Clara", "Ben",
        "Ida", "Finn", "Greta", "Moritz", "Johanna", "Tobias", "Katharina", "Stefan", "Sabine", "Thomas", "Petra", "Michael", "Ayşe", "Mehmet",
        "Olga", "Piotr", "Giulia", "Luca", "Fatima", "Yusuf", "Ingrid", "Jürgen", "Renate", "Dieter",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann",
        "Köhler", "Huber", "Gruber", "Bauer", "Steiner", "Moser", "Keller", "Brunner", "Meier", "Yılmaz", "Kowalski", "Rossi", "Nowak",
    ];

    private static readonly string[] Streets =
    [
        "Bahnhofstraße", "Lindenweg", "Gartenstraße", "Schulstraße", "Am Markt", "Kirchgasse", "Mozartstraße", "Goethestraße", "Dorfstraße",
        "Rosenweg", "Hauptplatz", "Birkenallee", "Bergstraße", "Feldweg", "Ringstraße", "Am Stadtpark", "Mühlenweg", "Seestraße", "Talstraße",
    ];

    private static readonly string[] MailDomains = ["gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.de", "posteo.de", "mailbox.org", "icloud.com", "freenet.de"];

    private static readonly Dictionary<string, string[]> MailDomainsByCountry = new()
    {
        ["AT"] = ["gmx.at", "aon.at", "gmail.com", "chello.at"],
        ["CH"] = ["bluewin.ch", "gmx.ch", "gmail.com", "sunrise.ch"],
    };

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ];

    private sealed record VerticalProfile(string Sources, string[] NeedsDe, string[] NeedsEn, Func<Random, Dictionary<string, string>> Fields, string Topic, string TopicDe);

    private static readonly Dictionary<string, VerticalProfile> Profiles = new()
    {
        ["solar"] = new(
            "solarvergleich-demo.de",
            ["Angebot für 10 kWp Photovoltaik mit Speicher", "PV-Anlage auf Einfamilienhaus, Süddach, Start Frühjahr", "Balkonkraftwerk und Wallbox",
             "Solardach mit Wärmepumpe für 160 m² Haus", "Erweiterung der bestehenden PV-Anlage um 5 kWp", "Photovoltaik für Doppelhaushälfte mit Ost-West-Dach"],
            ["Quote for a 10 kWp solar roof with battery", "Solar panels for a detached house, south-facing roof", "PV system and heat pump, 2027 start"],
            r => new()
            {
                ["owner_occupied"] = r.NextDouble() < 0.97 ? "yes" : "no",
                ["roof_m2"] = r.Next(r.NextDouble() < 0.05 ? 8 : 25, 180).ToString(CultureInfo.InvariantCulture),
                ["building_type"] = Pick(r, ["house", "house", "semi", "apartment"]),
                ["electricity_kwh"] = (r.Next(15, 90) * 100).ToString(CultureInfo.InvariantCulture),
            },
            "solar installers", "Solarfachbetriebe"),
        ["insurance"] = new(
            "versicherungscheck-demo.de",
            ["Private Krankenversicherung, selbstständig, Familie mit 2 Kindern", "Risikolebensversicherung 250.000 € für Baufinanzierung",
             "Hausratversicherung für 85 m² Wohnung", "Kfz-Versicherung wechseln, Hybrid Baujahr 2021", "Zahnzusatzversicherung für die ganze Familie",
             "Privathaftpflicht für Studentin"],
            ["Private health insurance, self-employed", "Term life cover for a new mortgage", "Contents insurance for a rented flat"],
            r => new()
            {
                ["insurance_type"] = Pick(r, ["health", "dental", "car", "liability", "household", "life"]),
                ["age"] = r.Next(19, 78).ToString(CultureInfo.InvariantCulture),
                ["employment"] = Pick(r, ["employed", "employed", "self_employed", "civil_servant", "student", "retired"]),
                ["currently_insured"] = r.NextDouble() < 0.6 ? "yes" : "no",
            },
            "insurers and insurance brokers", "Versicherer und Versicherungsmakler"),
        ["finance"] = new(
            "kreditportal-demo.de",
            ["Baufinanzierung 380.000 €, 10 Jahre fest, erstes Eigenheim", "Anschlussfinanzierung 210.000 € ab März", "Ratenkredit 15.000 € für Autokauf",
             "Umschuldung zweier Kredite, 28.000 €", "Autokredit für Gebrauchtwagen, 60 Monate"],
            ["Mortgage 380k, 10-year fixed, first home", "Follow-up financing from March", "Car loan over 48 months"],
            r => new()
            {
                ["loan_purpose"] = Pick(r, ["mortgage", "consumer_credit", "refinancing", "car_loan"]),
                ["loan_amount_eur"] = (r.Next(2, 80) * 5000).ToString(CultureInfo.InvariantCulture),
                ["net_income_eur"] = (r.Next(18, 90) * 100).ToString(CultureInfo.InvariantCulture),
                ["negative_credit_record"] = r.NextDouble() < 0.97 ? "no" : "yes",
            },
            "banks and credit brokers", "Banken und Kreditvermittler"),
        ["trades"] = new(
            "handwerkerportal-demo.de",
            ["Badsanierung, 7 m², bodengleiche Dusche", "Dachdämmung und neue Ziegel, 140 m²", "Neue Gasheizung durch Wärmepumpe ersetzen", "Fassadenanstrich, dreistöckiges Haus",
             "Fenstertausch, 9 Fenster, Dreifachverglasung", "Parkett verlegen, 60 m²"],
            ["Bathroom renovation with walk-in shower", "Roof insulation and new tiles", "Replace gas boiler with a heat pump"],
            r => new()
            {
                ["trade"] = Pick(r, ["roofing", "heating", "plumbing", "electrical", "painting", "windows", "flooring"]),
                ["project_start"] = Pick(r, ["asap", "within_3_months", "within_6_months", "later"]),
                ["budget_eur"] = (r.Next(2, 120) * 500).ToString(CultureInfo.InvariantCulture),
            },
            "tradespeople", "Handwerksbetriebe"),
    };

    private static readonly string[] CoRegistrationPartners = ["Sonnenwerk GmbH", "Hausschutz Direkt AG", "FinanzPlus Vermittlung GmbH", "Meisterbetrieb Netzwerk eG"];

    /// <summary>A lead for the vertical (by its slug) with its opt-in some minutes before <paramref name="now"/>.</summary>
    public LeadSubmission Next(string verticalSlug, DateTimeOffset now)
    {
        // A vertical an admin added has fields the demo does not know: its leads carry none (a required one rejects them, as it should).
        var known = Profiles.TryGetValue(verticalSlug, out var profile);
        profile ??= Profiles["trades"];
        var place = Pick(random, Places);
        var english = random.NextDouble() < 0.12;
        var first = Pick(random, FirstNames);
        var last = Pick(random, LastNames);
        var domains = MailDomainsByCountry.GetValueOrDefault(place.Country) ?? MailDomains;
        var email = $"{Ascii(first)}{Pick(random, [".", "_", ""])}{Ascii(last)}{(random.NextDouble() < 0.6 ? random.Next(1, 99).ToString(CultureInfo.InvariantCulture) : "")}@{Pick(random, domains)}";
        var minutesAgo = random.Next(10, 240);
        var optInAt = now.AddMinutes(-minutesAgo);
        var sourceRoll = random.NextDouble();
        var sourceType = sourceRoll < 0.75 ? "direct" : sourceRoll < 0.9 ? "coRegistration" : "sweepstakes";
        var partners = sourceType == "direct" ? Array.Empty<string>() : [.. CoRegistrationPartners.OrderBy(_ => random.Next()).Take(random.Next(1, 4))];
        var consentText = ConsentText(profile, partners, sourceType, english);
        // Without double opt-in a lead may only be called (the email channel needs DOI), so such leads consent to the phone only.
        var doi = sourceType == "sweepstakes" || random.NextDouble() < 0.8;
        var ip = $"{Pick(random, ["84.", "91.", "178.", "217.", "62."])}{random.Next(1, 254)}.{random.Next(1, 254)}.{random.Next(1, 254)}";

        var lead = new LeadSubmission
        {
            FirstName = first,
            LastName = last,
            Email = email,
            Phone = Phone(place),
            Street = $"{Pick(random, Streets)} {random.Next(1, 140)}{(random.NextDouble() < 0.1 ? "a" : "")}",
            PostalCode = place.PostalCode,
            City = place.City,
            Country = place.Country,
            Language = english ? "en" : "de",
            Need = english ? Pick(random, profile.NeedsEn) : Pick(random, profile.NeedsDe),
            Fields = known ? profile.Fields(random) : new Dictionary<string, string>(),
            OptInAt = optInAt.ToString("O", CultureInfo.InvariantCulture),
            OptInIp = ip,
            UserAgent = Pick(random, UserAgents),
            SourceUrl = $"https://{profile.Sources}/{(sourceType == "sweepstakes" ? "gewinnspiel" : "anfrage")}",
            ConsentText = consentText,
            Channels = doi ? ["email", "phone"] : ["phone"],
            ConfirmationSentAt = doi ? optInAt.AddSeconds(random.Next(5, 60)).ToString("O", CultureInfo.InvariantCulture) : "",
            ConfirmedAt = doi ? optInAt.AddMinutes(random.Next(2, minutesAgo)).ToString("O", CultureInfo.InvariantCulture) : "",
            ConfirmedIp = doi ? ip : "",
            SourceType = sourceType,
            Partners = partners,
            TrustedFormCertUrl = random.NextDouble() < 0.3 ? $"https://cert.trustedform.com/{Convert.ToHexStringLower(RandomBytes(20))}" : "",
        };

        // Real feeds carry some leads the pre-ping must turn away.
        return random.NextDouble() switch
        {
            < 0.02 => lead with { Email = $"{Ascii(first)}{random.Next(100, 999)}@mailinator.com" },
            < 0.04 => lead with { FirstName = "Max", LastName = "Mustermann" },
            < 0.05 => lead with { Phone = "0123456789" },
            < 0.06 => lead with { PostalCode = place.Country == "DE" ? "00000" : "0000" },
            < 0.07 => lead with { ConsentText = "" },
            < 0.08 => lead with { Channels = ["email", "phone"], ConfirmationSentAt = "", ConfirmedAt = "", ConfirmedIp = "" },
            _ => lead,
        };
    }

    private string Phone(Place place)
    {
        var mobile = random.NextDouble() < 0.7;
        return place.Country switch
        {
            "AT" => mobile ? $"+43 {Pick(random, ["664", "660", "676", "699"])} {random.Next(1000000, 9999999)}" : $"+43 {place.AreaCode} {random.Next(100000, 999999)}",
            "CH" => mobile ? $"+41 {Pick(random, ["76", "77", "78", "79"])} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}" : $"+41 {place.AreaCode} {random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}",
            _ => mobile ? $"+49 {Pick(random, ["151", "152", "157", "160", "170", "171", "176", "179"])} {random.Next(10000000, 99999999)}" : $"+49 {place.AreaCode} {random.Next(2000000, 8999999)}",
        };
    }

    private static string ConsentText(VerticalProfile profile, string[] partners, string sourceType, bool english)
    {
        var named = partners.Length == 0 ? "" : string.Join(", ", partners);
        return (sourceType, english) switch
        {
            ("sweepstakes", false) => $"Unabhängig von der Teilnahme am Gewinnspiel willige ich ein, dass mich die Sponsoren {named} per E-Mail und Telefon zu Angeboten für {profile.TopicDe} kontaktieren. Widerruf jederzeit möglich.",
            ("sweepstakes", true) => $"Independently of entering the prize draw, I agree that the sponsors {named} may contact me by email and phone about offers from {profile.Topic}. I can withdraw at any time.",
            ("coRegistration", false) => $"Ich willige ein, dass mich folgende Partner per E-Mail und Telefon zu meiner Anfrage kontaktieren: {named}. Widerruf jederzeit möglich.",
            ("coRegistration", true) => $"I agree that the following partners may contact me by email and phone about my request: {named}. I can withdraw at any time.",
            (_, false) => $"Ich willige ein, dass mich bis zu drei {profile.TopicDe} per E-Mail und Telefon zu meiner Anfrage kontaktieren. Widerruf jederzeit möglich.",
            _ => $"I agree that up to three {profile.Topic} may contact me by email and phone about my request. I can withdraw at any time.",
        };
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Ascii(string s) => s.ToLowerInvariant()
        .Replace("ü", "ue", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ä", "ae", StringComparison.Ordinal)
        .Replace("ß", "ss", StringComparison.Ordinal).Replace("ş", "s", StringComparison.Ordinal).Replace("ı", "i", StringComparison.Ordinal);
}
