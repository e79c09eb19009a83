using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace LeadMarket.Domain.Auctions;

/// <summary>
/// The auction rules of a lot, as pure functions of its state. The database write that follows a decision
/// is guarded by <see cref="LotState.Sequence"/>, so a decision taken on stale state never lands.
/// </summary>
public static class Auction
{
    /// <param name="lot">The lot as last committed.</param>
    /// <param name="attempt">The bid.</param>
    /// <param name="availableCredit">The buyer's credit limit less settled purchases and their open exposure on every lot.</param>
    /// <param name="now">The decision time.</param>
    public static BidDecision Decide(LotState lot, BidAttempt attempt, decimal availableCredit, DateTimeOffset now)
    {
        if (!lot.IsOpenAt(now))
        {
            return new BidDecision.Rejected(BidRejection.Closed(lot.EndsAt));
        }

        if (attempt.Amount <= 0 || decimal.Round(attempt.Amount, 2) != attempt.Amount)
        {
            return new BidDecision.Rejected(BidRejection.InvalidAmount(attempt.Amount));
        }

        if (attempt.MaxAmount is { } max && (max < attempt.Amount || decimal.Round(max, 2) != max))
        {
            return new BidDecision.Rejected(BidRejection.InvalidMaximum(max, attempt.Amount));
        }

        var newMax = Math.Max(attempt.Amount, attempt.MaxAmount ?? attempt.Amount);
        var own = lot.StandingOf(attempt.BuyerId);

        if (own is not null && lot.IsLeading(attempt.BuyerId))
        {
            return RaiseMaximum(lot, own, newMax, availableCredit);
        }

        var minimum = lot.MinimumBid;
        if (attempt.Amount < minimum)
        {
            return new BidDecision.Rejected(BidRejection.TooLow(attempt.Amount, minimum));
        }

        // A bidder who is not leading has nothing reserved on this lot, so the whole maximum must fit.
        if (newMax > availableCredit)
        {
            return new BidDecision.Rejected(BidRejection.OverCredit(newMax, Math.Max(0, availableCredit)));
        }

        // The other standings in rank order with the challenger in its place. A state's standings are kept in rank
        // order (every decision writes them so), so this insertion sort is one comparison per standing plus the
        // challenger's walk to its place; any other order still comes out as the stable sort of Ranked would have it.
        var nextSequence = lot.Sequence + 1;
        var maxStamp = NextMaxStamp(lot);
        var ranked = new Standing[lot.Standings.Length + 1];
        var count = 0;
        foreach (var s in lot.Standings)
        {
            if (s.BuyerId != attempt.BuyerId)
            {
                InsertByRank(ranked, ref count, s);
            }
        }

        InsertByRank(ranked, ref count, new Standing(attempt.BuyerId, attempt.Amount, newMax, nextSequence, maxStamp));
        if (count < ranked.Length)
        {
            Array.Resize(ref ranked, count);
        }

        var resolved = Resolve(lot.Terms, ranked);

        // Every visible amount that changed becomes a bid, in rising order so prices only go up (at equal amounts
        // the bidder's own first, then by rank). Resolve hands back the very same standing when its amount stayed.
        var changed = new List<int>(4);
        for (var rank = 0; rank < resolved.Length; rank++)
        {
            if (!ReferenceEquals(resolved[rank], ranked[rank]) || resolved[rank].BuyerId == attempt.BuyerId)
            {
                changed.Add(rank);
            }
        }

        if (changed.Count > 1)
        {
            changed.Sort((a, b) =>
            {
                var byAmount = resolved[a].Amount.CompareTo(resolved[b].Amount);
                if (byAmount != 0)
                {
                    return byAmount;
                }

                var byBidder = (resolved[a].BuyerId == attempt.BuyerId ? 0 : 1) - (resolved[b].BuyerId == attempt.BuyerId ? 0 : 1);
                return byBidder != 0 ? byBidder : a.CompareTo(b);
            });
        }

        var bids = ImmutableArray.CreateBuilder<PlacedBid>(changed.Count);
        var sequence = lot.Sequence;
        foreach (var rank in changed)
        {
            sequence++;
            var s = resolved[rank];
            bids.Add(new PlacedBid(sequence, s.BuyerId, s.Amount, IsProxy: s.BuyerId != attempt.BuyerId));
            resolved[rank] = s with { AmountSequence = sequence };
        }

        var endsAt = lot.EndsAt;
        var extended = false;
        if (lot.EndsAt - now < lot.Terms.AntiSnipingWindow)
        {
            endsAt = now + lot.Terms.AntiSnipingWindow;
            extended = true;
        }

        var after = lot with
        {
            Sequence = sequence,
            EndsAt = endsAt,
            Standings = ImmutableCollectionsMarshal.AsImmutableArray(resolved),
        };

        return new BidDecision.Accepted(lot, after, bids.MoveToImmutable(), ExposureChanges(lot, after), extended)
        {
            BidderLeads = after.IsLeading(attempt.BuyerId),
        };
    }

    /// <summary>Inserts a standing after every standing that does not rank below it: a stable insertion sort.</summary>
    private static void InsertByRank(Standing[] ranked, ref int count, Standing standing)
    {
        var at = count;
        while (at > 0 && LotState.RanksBefore(standing, ranked[at - 1]))
        {
            ranked[at] = ranked[at - 1];
            at--;
        }

        ranked[at] = standing;
        count++;
    }

    /// <summary>
    /// Proxy resolution on standings in rank order: the first N (the shares) lead; each leader bids only as far as
    /// needed to stay ahead of the best maximum outside the leaders (plus one increment, capped at their own
    /// maximum); everyone outside the leaders has been pushed to their maximum. Returns the standings in the same
    /// order, each the same instance when its amount did not change.
    /// </summary>
    private static Standing[] Resolve(AuctionTerms terms, Standing[] ranked)
    {
        decimal? threshold = ranked.Length > terms.Shares ? ranked[terms.Shares].MaxAmount : null;
        var resolved = new Standing[ranked.Length];
        for (var rank = 0; rank < ranked.Length; rank++)
        {
            var s = ranked[rank];
            var amount = rank >= terms.Shares
                ? s.MaxAmount
                : Math.Max(s.Amount, threshold is { } t ? Math.Min(s.MaxAmount, t + terms.Increment) : s.Amount);
            resolved[rank] = amount == s.Amount ? s : s with { Amount = amount };
        }

        return resolved;
    }

    private static BidDecision RaiseMaximum(LotState lot, Standing own, decimal newMax, decimal availableCredit)
    {
        if (newMax <= own.MaxAmount)
        {
            return new BidDecision.Rejected(BidRejection.AlreadyLeading(own.Amount, own.MaxAmount));
        }

        var extra = newMax - own.MaxAmount;
        if (extra > availableCredit)
        {
            return new BidDecision.Rejected(BidRejection.OverCredit(extra, Math.Max(0, availableCredit)));
        }

        // Raising a maximum changes nothing visible: no bid and no sequence step (the store guards its writes
        // with a row version of its own, so this write is still a guarded one).
        // The raised maximum ranks from now on: at equal maxima, one set earlier by someone else still wins.
        var after = lot with
        {
            Standings = lot.Standings.Replace(own, own with { MaxAmount = newMax, MaxSequence = NextMaxStamp(lot) }),
        };
        return new BidDecision.Accepted(lot, after, [], [new ExposureChange(own.BuyerId, extra)], Extended: false)
        {
            BidderLeads = true,
        };
    }

    /// <summary>
    /// The order stamp for a maximum set now: later than every maximum set before and than every visible bid, so
    /// "ties go to the earlier bid" holds for raised maxima too.
    /// </summary>
    private static long NextMaxStamp(LotState lot)
    {
        var latest = lot.Sequence;
        foreach (var s in lot.Standings)
        {
            latest = Math.Max(latest, s.MaxSequence);
        }

        return latest + 1;
    }

    private static ImmutableArray<ExposureChange> ExposureChanges(LotState before, LotState after)
    {
        // What LotState.ReservedBy answers for every buyer, from each state's leaders (only a leader has anything
        // reserved, so only a leader before or after can change). Listed in the order the buyers first appear in
        // the standings before, then after.
        var leadersBefore = before.Leaders;
        var leadersAfter = after.Leaders;
        var candidates = new List<(int Order, string BuyerId)>(leadersBefore.Count + leadersAfter.Count);
        for (var i = 0; i < leadersBefore.Count + leadersAfter.Count; i++)
        {
            var buyerId = i < leadersBefore.Count ? leadersBefore[i].BuyerId : leadersAfter[i - leadersBefore.Count].BuyerId;
            if (!Listed(candidates, buyerId))
            {
                var order = IndexOf(before.Standings, buyerId);
                candidates.Add((order >= 0 ? order : before.Standings.Length + IndexOf(after.Standings, buyerId), buyerId));
            }
        }

        candidates.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        var changes = ImmutableArray.CreateBuilder<ExposureChange>(candidates.Count);
        foreach (var (_, buyerId) in candidates)
        {
            var delta = after.ReservedBy(buyerId) - before.ReservedBy(buyerId);
            if (delta != 0)
            {
                changes.Add(new ExposureChange(buyerId, delta));
            }
        }

        return changes.DrainToImmutable();
    }

    private static bool Listed(List<(int Order, string BuyerId)> candidates, string buyerId)
    {
        foreach (var (_, listed) in candidates)
        {
            if (listed == buyerId)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(ImmutableArray<Standing> standings, string buyerId)
    {
        for (var i = 0; i < standings.Length; i++)
        {
            if (standings[i].BuyerId == buyerId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Settles a lot whose time is up: the leaders win and each pays their own visible bid.</summary>
    public static Settlement Settle(LotState lot, DateTimeOffset now)
    {
        if (lot.Status != LotStatus.Open)
        {
            throw new InvalidOperationException($"Lot {lot.LotId} is already closed; settlement happens exactly once.");
        }

        if (now < lot.EndsAt)
        {
            throw new InvalidOperationException($"Lot {lot.LotId} ends at {lot.EndsAt:O}; it cannot be settled at {now:O}.");
        }

        var winners = lot.Leaders.Select(l => new Winner(l.BuyerId, l.Amount, l.MaxAmount)).ToImmutableArray();
        return new Settlement(
            lot with { Status = LotStatus.Closed, Sequence = lot.Sequence },
            winners.IsEmpty ? LotOutcome.Unsold : LotOutcome.Sold,
            winners);
    }
}

/// <summary>A winner pays <paramref name="Price"/> and gets back the rest of what their maximum reserved.</summary>
public sealed record Winner(string BuyerId, decimal Price, decimal Reserved);

public sealed record Settlement(LotState Closed, LotOutcome Outcome, ImmutableArray<Winner> Winners);
