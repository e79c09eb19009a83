using System.Collections.Concurrent;
using System.Security.Claims;
using LeadMarket.Infrastructure;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Localization;

/// <summary>
/// The time zones times are shown in: the person's own (IANA id, kept on the account), else the market's default
/// (<c>Market:TimeZone</c>, Europe/Berlin unless configured).
/// </summary>
public sealed class MarketTimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Found = new(StringComparer.Ordinal);

    /// <summary>The zones offered first on the account page: the first market's.</summary>
    public static IReadOnlyList<string> Preferred { get; } = ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"];

    public MarketTimeZones(IOptions<MarketOptions> options)
    {
        Default = Find(options.Value.TimeZone)
            ?? throw new InvalidOperationException($"Market:TimeZone '{options.Value.TimeZone}' is not a known IANA time zone.");
    }

    public TimeZoneInfo Default { get; }

    /// <summary>Every IANA zone of this system, the preferred ones first, then the rest by id.</summary>
    public static IReadOnlyList<string> Choices { get; } = BuildChoices();

    /// <summary>The person's zone from their sign-in claims, else the market's default.</summary>
    public TimeZoneInfo For(ClaimsPrincipal? user) =>
        Find(user?.FindFirst(PreferenceClaims.TimeZone)?.Value) ?? Default;

    /// <summary>The zone with this IANA id, or null for an unknown or overlong id.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return null;
        }

        return Found.GetOrAdd(id, static key =>
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone))
            {
                return zone;
            }

            return TimeZoneInfo.TryConvertIanaIdToWindowsId(key, out var windows) && TimeZoneInfo.TryFindSystemTimeZoneById(windows, out zone) ? zone : null;
        });
    }

    /// <summary>Whether <paramref name="id"/> is one of the <see cref="Choices"/>.</summary>
    public static bool IsChoice(string? id) => id is not null && ChoiceSet.Contains(id);

    private static readonly HashSet<string> ChoiceSet = new(Choices, StringComparer.Ordinal);

    private static IReadOnlyList<string> BuildChoices()
    {
        var ids = TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
            .OfType<string>()
            .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Concat(Preferred)
            .Distinct(StringComparer.Ordinal)
            .Except(Preferred, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. Preferred, .. ids];
    }
}
