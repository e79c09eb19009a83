using System.Globalization;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Web.Components.Pages.Publisher;

/// <summary>How the publisher desk writes money, times, terms and countdowns.</summary>
internal static class PublisherFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Money(decimal amount, string? currency) =>
        string.IsNullOrEmpty(currency) ? amount.ToString("N2", Culture) : $"{amount.ToString("N2", Culture)} {currency}";

    public static string Money(decimal? amount, string? currency) => amount is { } value ? Money(value, currency) : "—";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Culture);

    public static string Terms(SaleMode mode, int shares) =>
        mode == SaleMode.Exclusive ? "Exclusive" : $"Shared × {shares}";

    /// <summary>Time left as "2d 03:04:05", "03:04:05" or "04:05"; "closing…" once the end has passed.</summary>
    public static string Countdown(DateTimeOffset endsAt, DateTimeOffset now)
    {
        var left = endsAt - now;
        if (left <= TimeSpan.Zero)
        {
            return "closing…";
        }

        // Round up: a lot with 0.4 s left still shows 00:01, never 00:00 while it is open.
        left = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        return left.TotalDays >= 1
            ? $"{(int)left.TotalDays}d {left:hh\\:mm\\:ss}"
            : left.TotalHours >= 1 ? left.ToString(@"hh\:mm\:ss", Culture) : left.ToString(@"mm\:ss", Culture);
    }

    public static bool IsUrgent(DateTimeOffset endsAt, DateTimeOffset now) => endsAt - now < TimeSpan.FromMinutes(1);
}
