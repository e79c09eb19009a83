using System.Collections.Immutable;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Domain.Tests.Support;

/// <summary>
/// The plain way to decide a new bid (not a leader raising a maximum, not a rejection): sort every standing, push
/// everyone outside the shares to their maximum, and turn each changed amount into a bid. <see cref="Auction.Decide"/>
/// does the same in one pass over standings kept in rank order; this is the oracle it must match, decision for
/// decision (AuctionEquivalenceTests).
/// </summary>
internal static class ReferenceAuction
{
    public static (ImmutableArray<PlacedBid> Bids, ImmutableArray<Standing> Standings, ImmutableArray<ExposureChange> Changes) DecideNewBid(
        LotState lot, BidAttempt attempt)
    {
        var newMax = Math.Max(attempt.Amount, attempt.MaxAmount ?? attempt.Amount);
        var maxStamp = Math.Max(lot.Sequence, lot.Standings.IsEmpty ? 0 : lot.Standings.Max(s => s.MaxSequence)) + 1;
        var challenger = new Standing(attempt.BuyerId, attempt.Amount, newMax, lot.Sequence + 1, maxStamp);
        var standings = lot.Standings.Where(s => s.BuyerId != attempt.BuyerId).Append(challenger).ToList();
        var amountsBefore = lot.Standings.Where(s => s.BuyerId != attempt.BuyerId).ToDictionary(s => s.BuyerId, s => s.Amount);

        var ranked = (lot with { Standings = [.. standings] }).Ranked.ToList();
        var shares = lot.Terms.Shares;
        decimal? threshold = ranked.Count > shares ? ranked[shares].MaxAmount : null;
        var resolved = ranked.Select((s, rank) =>
        {
            var amount = rank >= shares
                ? s.MaxAmount
                : Math.Max(s.Amount, threshold is { } t ? Math.Min(s.MaxAmount, t + lot.Terms.Increment) : s.Amount);
            return s with { Amount = amount };
        }).ToList();

        var changed = resolved
            .Where(s => s.BuyerId == attempt.BuyerId || s.Amount != amountsBefore[s.BuyerId])
            .OrderBy(s => s.Amount)
            .ThenBy(s => s.BuyerId == attempt.BuyerId ? 0 : 1)
            .ToList();
        var bids = new List<PlacedBid>();
        var final = resolved.ToDictionary(s => s.BuyerId);
        var sequence = lot.Sequence;
        foreach (var s in changed)
        {
            sequence++;
            bids.Add(new PlacedBid(sequence, s.BuyerId, s.Amount, IsProxy: s.BuyerId != attempt.BuyerId));
            final[s.BuyerId] = s with { AmountSequence = sequence };
        }

        var after = lot with { Sequence = sequence, Standings = [.. final.Values] };
        var reservedBefore = lot.Standings.Where(s => lot.IsLeading(s.BuyerId)).ToDictionary(s => s.BuyerId, s => s.MaxAmount);
        var reservedAfter = after.Standings.Where(s => after.IsLeading(s.BuyerId)).ToDictionary(s => s.BuyerId, s => s.MaxAmount);
        var changes = lot.Standings.Concat(after.Standings)
            .Select(s => s.BuyerId)
            .Distinct()
            .Where(b => reservedBefore.ContainsKey(b) || reservedAfter.ContainsKey(b))
            .Select(b => new ExposureChange(b, reservedAfter.GetValueOrDefault(b) - reservedBefore.GetValueOrDefault(b)))
            .Where(c => c.Delta != 0);
        return ([.. bids], after.Standings, [.. changes]);
    }
}
