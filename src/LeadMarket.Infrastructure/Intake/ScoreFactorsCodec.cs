using LeadMarket.Infrastructure.AfterSale;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// The stored form of a lead's score factors (<see cref="Lead.ScoreFactors"/>): <c>Name:points/max</c>, joined by
/// <c>;</c>. Written and read here only; everything else sees <see cref="ScoreFactor"/> records.
/// <para>
/// Reading hands out one shared list per stored form, so two cards of leads with the same factors, or two reads of
/// one lead, carry the same list and compare equal as records (the lot card markup cache relies on that). Factor
/// names come from <see cref="LeadScore"/>, so there are few distinct forms; the cache starts over past
/// <see cref="Capacity"/>.
/// </para>
/// </summary>
public static class ScoreFactorsCodec
{
    public const int Capacity = 10_000;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<ScoreFactor>> Known = new(StringComparer.Ordinal);

    public static string Write(IEnumerable<ScoreFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var text = new StringBuilder();
        foreach (var factor in factors)
        {
            if (factor.Name.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException($"A score factor's name cannot hold ';': {factor.Name}", nameof(factors));
            }

            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(factor.Name).Append(':').Append(factor.Points.ToString(CultureInfo.InvariantCulture))
                .Append('/').Append(factor.MaxPoints.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The factors of a stored form; a part that does not read as a factor is left out.</summary>
    public static IReadOnlyList<ScoreFactor> Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Known.TryGetValue(stored, out var known))
        {
            return known;
        }

        var factors = Parse(stored);
        if (Known.Count >= Capacity)
        {
            Known.Clear();
        }

        return Known.GetOrAdd(stored, factors);
    }

    private static IReadOnlyList<ScoreFactor> Parse(string stored)
    {
        var factors = new List<ScoreFactor>();
        foreach (var part in stored.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var slash = part.LastIndexOf('/');
            if (colon > 0 && slash > colon
                && int.TryParse(part.AsSpan(colon + 1, slash - colon - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var points)
                && int.TryParse(part.AsSpan(slash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max))
            {
                factors.Add(new ScoreFactor(part[..colon], points, max));
            }
        }

        return factors.AsReadOnly();
    }
}
