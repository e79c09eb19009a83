using System.Globalization;

namespace LeadMarket.Web.Localization;

/// <summary>
/// How money and times are written for a person: amounts in euros in their language ("1.234,50 €" in German,
/// "€1,234.50" in English), times in their time zone and language. The language is the current culture (the
/// request's, or the circuit's it started with); the zone is fixed per person (see <see cref="MarketTimeZones"/>).
/// </summary>
public sealed class MarketFormat
{
    private const string Euro = "€";
    private readonly Lazy<TimeZoneInfo> zone;

    public MarketFormat(TimeZoneInfo zone)
        : this(() => zone)
    {
    }

    /// <summary>For a scope that learns its person later than it starts (a circuit): the zone is looked up on first use.</summary>
    public MarketFormat(Func<TimeZoneInfo> zone)
    {
        this.zone = new Lazy<TimeZoneInfo>(zone);
    }

    public TimeZoneInfo Zone => zone.Value;

    /// <summary>An amount in euros, in the current culture.</summary>
    public static string Money(decimal amount) => Money(amount, CultureInfo.CurrentCulture);

    /// <summary>An amount in euros (two decimals), in <paramref name="culture"/>'s way: German puts the sign after the number.</summary>
    public static string Money(decimal amount, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var number = Math.Abs(amount).ToString("N2", culture);
        var sign = amount < 0 ? culture.NumberFormat.NegativeSign : "";
        return IsGerman(culture) ? $"{sign}{number}\u00A0{Euro}" : $"{sign}{Euro}{number}";
    }

    /// <summary>An amount in its currency: euros as <see cref="Money(decimal)"/>, any other with its code after it.</summary>
    public static string Money(decimal amount, string? currency) =>
        string.IsNullOrEmpty(currency) || currency.Equals("EUR", StringComparison.OrdinalIgnoreCase)
            ? Money(amount)
            : $"{amount.ToString("N2", CultureInfo.CurrentCulture)}\u00A0{currency}";

    public static string Money(decimal? amount, string? currency) => amount is { } value ? Money(value, currency) : "—";

    /// <summary>The sign an amount in <paramref name="currency"/> is written with: "€" for euros, else the code.</summary>
    public static string CurrencySign(string? currency) =>
        string.IsNullOrEmpty(currency) || currency.Equals("EUR", StringComparison.OrdinalIgnoreCase) ? Euro : currency;

    /// <summary>A number with two decimals and no currency (e.g. a score), in the current culture.</summary>
    public static string Number(decimal value) => value.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>The moment in the person's zone: date and time to the minute ("08.12.2026 14:30").</summary>
    public string DateTime(DateTimeOffset at) => Local(at).ToString("g", CultureInfo.CurrentCulture);

    public string DateTime(DateTimeOffset? at) => at is { } value ? DateTime(value) : "—";

    /// <summary>Date and time to the second with the zone's offset, for evidence that must read unambiguously.</summary>
    public string Timestamp(DateTimeOffset at)
    {
        var local = Local(at);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.CurrentCulture, $"{local.ToString("G", CultureInfo.CurrentCulture)} (UTC{sign}{offset:hh\\:mm})");
    }

    public string Timestamp(DateTimeOffset? at) => at is { } value ? Timestamp(value) : "—";

    /// <summary>The time of day to the second in the person's zone ("14:30:05"), e.g. for a bid history.</summary>
    public string TimeOfDay(DateTimeOffset at) => Local(at).ToString("T", CultureInfo.CurrentCulture);

    /// <summary>The moment as it reads on the person's clock.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    private static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de";
}
