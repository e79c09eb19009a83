using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Web.Localization;
using LeadMarket.Web.Resources;
using Microsoft.Extensions.Localization;

namespace LeadMarket.Web.Components.Intake;

/// <summary>How the publisher desk writes money, terms and countdowns (times: <see cref="MarketFormat"/>).</summary>
internal static class PublisherFormat
{
    public static string Money(decimal amount, string? currency) => MarketFormat.Money(amount, currency);

    public static string Money(decimal? amount, string? currency) => MarketFormat.Money(amount, currency);

    public static string Terms(IStringLocalizer<UiText> text, SaleMode mode, int shares) =>
        mode == SaleMode.Exclusive ? text["Publisher.Exclusive"] : text["Publisher.Shared", shares];

    /// <summary>Time left as "2d 03:04:05", "03:04:05" or "04:05"; "closing…" once the end has passed.</summary>
    public static string Countdown(IStringLocalizer<UiText> text, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var left = endsAt - now;
        if (left <= TimeSpan.Zero)
        {
            return text["Publisher.Closing"];
        }

        // Round up: a lot with 0.4 s left still shows 00:01, never 00:00 while it is open.
        left = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        var culture = CultureInfo.InvariantCulture;
        return left.TotalDays >= 1
            ? text["Publisher.CountdownDays", (int)left.TotalDays, left.ToString(@"hh\:mm\:ss", culture)]
            : left.TotalHours >= 1 ? left.ToString(@"hh\:mm\:ss", culture) : left.ToString(@"mm\:ss", culture);
    }

    public static bool IsUrgent(DateTimeOffset endsAt, DateTimeOffset now) => endsAt - now < TimeSpan.FromMinutes(1);
}
