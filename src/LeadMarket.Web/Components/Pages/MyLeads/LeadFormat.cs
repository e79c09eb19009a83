using System.Globalization;

namespace LeadMarket.Web.Components.Pages.MyLeads;

/// <summary>Times on the lead pages: UTC, written the same in every culture (evidence must read unambiguously).</summary>
internal static class LeadFormat
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "—";
}
