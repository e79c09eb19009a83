using System.Collections.Concurrent;
using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// The parts of a lot card that depend on nothing but the lot (its need, region, score, terms and price), as ready
/// HTML, built once per lot state on this node and shared by every circuit that shows the lot.
/// <para>
/// A busy room is watched by many buyers, and every circuit keeps each card's render tree (two buffers of frames per
/// component) for as long as the page is open. As markup, those parts are one frame each in a circuit and one string
/// on the node; what differs per viewer or moves with time (countdown, age, the "Extended" badge, the viewer's own
/// position, the bid form) stays in real frames in <see cref="LotCard"/>.
/// </para>
/// Every text from the lot is HTML-encoded here: the need is a publisher's free text.
/// </summary>
public sealed class LotCardMarkup
{
    /// <summary>More lots than this and the cache starts over (they are rebuilt on their next render).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    /// <summary>The card's shared parts for exactly this state of the lot.</summary>
    public LotCardParts For(LotView lot)
    {
        ArgumentNullException.ThrowIfNull(lot);

        // Record equality: another circuit's copy of the same state (read from the store or built from the same
        // event) finds the same parts; any changed value builds new ones.
        if (entries.TryGetValue(lot.LotId, out var known) && known.Lot == lot)
        {
            return known.Parts;
        }

        var parts = Build(lot);
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[lot.LotId] = new Entry(lot, parts);
        return parts;
    }

    internal static LotCardParts Build(LotView lot)
    {
        var closed = lot.Status == LotStatus.Closed;
        var html = new StringBuilder(256);

        html.Append("<div class=\"lot-kicker\">").Text($"{lot.Vertical} · {lot.Region}").Append("</div><h3 class=\"lot-need\">").Text(lot.Need).Append("</h3>");
        if (closed)
        {
            var sold = lot.Outcome == LotOutcome.Sold;
            html.Append("<span class=\"").Append(sold ? "lot-badge lot-badge-success" : "lot-badge").Append("\" data-testid=\"outcome\">")
                .Append(sold ? "Sold" : "Unsold").Append("</span>");
        }

        var head = Take(html);

        html.Append("<li class=\"").Append(ScoreClass(lot.Score)).Append("\" title=\"").Text(FactorsText(lot.Score, ParseFactors(lot.ScoreFactors)))
            .Append("\">Score ").Append(lot.Score).Append("</li>");
        var scoreFact = Take(html);

        html.Append("<li class=\"lot-tag\">").Text(lot.SaleMode == SaleMode.Exclusive ? "Exclusive" : $"Shared {lot.Shares}").Append("</li>");
        if (lot.DoubleOptIn)
        {
            html.Append("<li class=\"lot-tag lot-tag-success\" title=\"Double opt-in confirmed\">DOI</li>");
        }

        html.Append("<li class=\"lot-tag\" title=\"Language\">").Text(lot.Language.ToUpperInvariant()).Append("</li>");
        var otherFacts = Take(html);

        html.Append("<div class=\"lot-price-row\"><div><div class=\"lot-label\">").Append(closed ? "Final price" : "Current price")
            .Append("</div><div class=\"").Append(lot.CurrentPrice is null ? "lot-price lot-price-none" : "lot-price").Append("\" data-testid=\"lot-price\">")
            .Text(PriceText(lot)).Append("</div></div><div class=\"lot-price-side\">").Text(lot.BidCount == 1 ? "1 bid" : $"{lot.BidCount} bids")
            .Append("<br />").Text(SharesLeftText(lot, closed)).Append("</div></div>");
        var price = Take(html);

        html.Append("<span class=\"bid-form-min\">Minimum ").Text(Money.Format(lot.MinimumBid, lot.Currency)).Append("</span>");
        var minimum = Take(html);
        html.Append("<span aria-hidden=\"true\">").Text(lot.Currency).Append("</span>");
        var currency = Take(html);

        return new LotCardParts(head, scoreFact, otherFacts, price, minimum, currency);
    }

    /// <summary>Reads the stored factors ("Name:points/max;…").</summary>
    internal static IEnumerable<ScoreFactor> ParseFactors(string stored)
    {
        foreach (var part in stored.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var slash = part.LastIndexOf('/');
            if (colon > 0 && slash > colon
                && int.TryParse(part.AsSpan(colon + 1, slash - colon - 1), out var points)
                && int.TryParse(part.AsSpan(slash + 1), out var max))
            {
                yield return new ScoreFactor(part[..colon], points, max);
            }
        }
    }

    /// <summary>What the score is made of, one factor a line (the score's tooltip).</summary>
    internal static string FactorsText(int score, IEnumerable<ScoreFactor> factors) =>
        string.Join("\n", factors.Select(f => $"{f.Name}: {f.Points} / {f.MaxPoints}").Prepend($"Score {score} of 100"));

    private static string ScoreClass(int score) => score switch
    {
        >= 75 => "lot-tag lot-tag-success",
        >= 50 => "lot-tag lot-tag-info",
        _ => "lot-tag",
    };

    private static string PriceText(LotView lot) => lot.CurrentPrice is { } price
        ? Money.Format(price, lot.Currency)
        : $"no bids yet, reserve {Money.Format(lot.ReservePrice, lot.Currency)}";

    private static string SharesLeftText(LotView lot, bool closed) => (closed, lot.Shares) switch
    {
        (true, 1) => "",
        (true, _) => $"{lot.Shares - lot.SharesLeft} of {lot.Shares} shares sold",
        (false, 1) => lot.SharesLeft == 1 ? "1 share free" : "share taken",
        _ => $"{lot.SharesLeft} of {lot.Shares} shares free",
    };

    private static MarkupString Take(StringBuilder html)
    {
        var markup = new MarkupString(html.ToString());
        html.Clear();
        return markup;
    }

    private sealed record Entry(LotView Lot, LotCardParts Parts);
}

/// <summary>
/// A card's shared HTML: the header's kicker and need (and outcome, once closed), the score fact, the other facts
/// (sale mode, double opt-in, language) and the price row; for its bid form, the minimum and the currency sign.
/// </summary>
public sealed record LotCardParts(
    MarkupString Head, MarkupString ScoreFact, MarkupString OtherFacts, MarkupString PriceRow, MarkupString Minimum, MarkupString Currency);
