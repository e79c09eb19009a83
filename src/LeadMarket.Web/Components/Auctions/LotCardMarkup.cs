using System.Collections.Concurrent;
using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// The parts of a lot card that depend on nothing but the lot (its need, region, score, terms, price and times), as
/// ready HTML, built once per lot state on this node and shared by every circuit that shows the lot.
/// <para>
/// A busy room is watched by many buyers, and every circuit keeps each card's render tree for as long as the page is
/// open: a component keeps a buffer of at least 32 render frames (40 bytes each), and a second one once it has
/// rendered again. As markup, all of the card above its bid form is one frame in a circuit and one string on the node,
/// so a whole card, bid form included, fits in 32 frames (<see cref="LotCard"/>).
/// </para>
/// <para>
/// The countdown and the lead's age are written as they read when the state was built (the first render of it on this
/// node, which is when every circuit showing the lot renders it). wwwroot/js/room.js rewrites both in the browser
/// before the page is painted, and every second after; lots are rendered only by the interactive page, which runs it.
/// </para>
/// Every text from the lot is HTML-encoded here: the need is a publisher's free text.
/// </summary>
public sealed class LotCardMarkup
{
    /// <summary>More lots than this and the cache starts over (they are rebuilt on their next render).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    /// <summary>The card's shared parts for exactly this state of the lot; <paramref name="now"/> writes its clocks.</summary>
    public LotCardParts For(LotView lot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lot);

        // Record equality: another circuit's copy of the same state (read from the store or built from the same
        // event) finds the same parts; any changed value builds new ones.
        if (entries.TryGetValue(lot.LotId, out var known) && known.Lot == lot)
        {
            return known.Parts;
        }

        var parts = Build(lot, now);
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[lot.LotId] = new Entry(lot, parts);
        return parts;
    }

    internal static LotCardParts Build(LotView lot, DateTimeOffset now)
    {
        var closed = lot.Status == LotStatus.Closed;
        var html = new StringBuilder(1024);

        html.Append("<header class=\"lot-head\"><div class=\"lot-kicker\">").Text($"{lot.Vertical} · {lot.Region}").Append("</div><h3 class=\"lot-need\">")
            .Text(lot.Need).Append("</h3>");
        if (closed)
        {
            var sold = lot.Outcome == LotOutcome.Sold;
            html.Append("<span class=\"").Append(sold ? "lot-badge lot-badge-success" : "lot-badge").Append("\" data-testid=\"outcome\">")
                .Append(sold ? "Sold" : "Unsold").Append("</span>");
        }
        else
        {
            html.Append("<span class=\"").Append(lot.EndsAt - now < LotCard.UrgentTime ? "lot-countdown lot-countdown-urgent" : "lot-countdown")
                .Append("\" data-testid=\"countdown\" data-ends-at=\"").Append(LotCard.Iso(lot.EndsAt)).Append("\" role=\"timer\">")
                .Text(LotCard.Countdown(lot.EndsAt - now)).Append("</span>");
        }

        html.Append("</header><ul class=\"lot-facts\"><li class=\"").Append(ScoreClass(lot.Score)).Append("\" title=\"")
            .Text(FactorsText(lot.Score, lot.ScoreFactors)).Append("\">Score ").Append(lot.Score).Append("</li>");
        html.Append("<li class=\"lot-tag\" data-age-since=\"").Append(LotCard.Iso(lot.LeadCreatedAt)).Append("\">").Text(LotCard.Age(now - lot.LeadCreatedAt)).Append("</li>");
        html.Append("<li class=\"lot-tag\">").Text(lot.SaleMode == SaleMode.Exclusive ? "Exclusive" : $"Shared {lot.Shares}").Append("</li>");
        if (lot.DoubleOptIn)
        {
            html.Append("<li class=\"lot-tag lot-tag-success\" title=\"Double opt-in confirmed\">DOI</li>");
        }

        html.Append("<li class=\"lot-tag\" title=\"Language\">").Text(lot.Language.ToUpperInvariant()).Append("</li></ul>");

        html.Append("<div class=\"lot-price-row\"><div><div class=\"lot-label\">").Append(closed ? "Final price" : "Current price")
            .Append("</div><div class=\"").Append(lot.CurrentPrice is null ? "lot-price lot-price-none" : "lot-price").Append("\" data-testid=\"lot-price\">")
            .Text(PriceText(lot)).Append("</div></div><div class=\"lot-price-side\">").Text(lot.BidCount == 1 ? "1 bid" : $"{lot.BidCount} bids")
            .Append("<br />").Text(SharesLeftText(lot, closed)).Append("</div></div>");
        var summary = Take(html);

        html.Append("<span class=\"bid-currency\" aria-hidden=\"true\">").Text(lot.Currency).Append("</span>");
        var currency = Take(html);
        html.Append(currency.Value).Append("<span class=\"bid-form-min\">Minimum ").Text(Money.Format(lot.MinimumBid, lot.Currency)).Append("</span>");
        var minimum = Take(html);

        return new LotCardParts(lot.LotId.ToString(), summary, minimum, currency);
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
/// A card's shared parts: the lot's id as the card's attribute carries it; everything above the bid form (header with
/// the countdown or the outcome, the facts with the lead's age, the price row); for the bid form, the currency sign
/// after the amount with the minimum, and the currency sign alone (after the maximum).
/// </summary>
public sealed record LotCardParts(string Id, MarkupString Summary, MarkupString Minimum, MarkupString Currency);
