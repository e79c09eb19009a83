using System.Collections.Immutable;
using System.Globalization;

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
            return new BidDecision.Rejected(BidRejection.Invalid(string.Create(CultureInfo.InvariantCulture, $"Amount {attempt.Amount} is not valid: enter a positive amount with at most two decimals.")));
        }

        if (attempt.MaxAmount is { } max && (max < attempt.Amount || decimal.Round(max, 2) != max))
        {
            return new BidDecision.Rejected(BidRejection.Invalid(string.Create(CultureInfo.InvariantCulture, $"Maximum {max} is not valid: it must be at least the bid {attempt.Amount:0.00} with at most two decimals.")));
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

        var nextSequence = lot.Sequence + 1;
        var maxStamp = NextMaxStamp(lot);
        var challenger = new Standing(attempt.BuyerId, attempt.Amount, newMax, nextSequence, maxStamp);
        var standings = new List<Standing>(lot.Standings.Length + 1);
        var amountsBefore = new Dictionary<string, decimal>(lot.Standings.Length + 1, StringComparer.Ordinal);
        foreach (var s in lot.Standings)
        {
            if (s.BuyerId != attempt.BuyerId)
            {
                standings.Add(s);
                amountsBefore[s.BuyerId] = s.Amount;
            }
        }

        standings.Add(challenger);
        var resolved = Resolve(lot.Terms, standings);

        // Every visible amount that changed becomes a bid, in rising order so prices only go up.
        var changed = resolved
            .Where(s => s.BuyerId == attempt.BuyerId || s.Amount != amountsBefore[s.BuyerId])
            .OrderBy(s => s.Amount)
            .ThenBy(s => s.BuyerId == attempt.BuyerId ? 0 : 1)
            .ToList();

        var bids = ImmutableArray.CreateBuilder<PlacedBid>(changed.Count);
        var sequence = lot.Sequence;
        var final = resolved.ToDictionary(s => s.BuyerId, StringComparer.Ordinal);
        foreach (var s in changed)
        {
            sequence++;
            bids.Add(new PlacedBid(sequence, s.BuyerId, s.Amount, IsProxy: s.BuyerId != attempt.BuyerId));
            final[s.BuyerId] = s with { AmountSequence = sequence };
        }

        // The challenger's maximum keeps the stamp of when it was set: the tie-breaker.
        final[attempt.BuyerId] = final[attempt.BuyerId] with { MaxSequence = maxStamp };

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
            Standings = [.. final.Values],
        };

        return new BidDecision.Accepted(lot, after, bids.ToImmutable(), ExposureChanges(lot, after), extended)
        {
            BidderLeads = after.IsLeading(attempt.BuyerId),
        };
    }

    /// <summary>
    /// Proxy resolution: the N highest maxima lead; each leader bids only as far as needed to stay ahead of the
    /// best maximum outside the leaders (plus one increment, capped at their own maximum); everyone outside the
    /// leaders has been pushed to their maximum.
    /// </summary>
    private static List<Standing> Resolve(AuctionTerms terms, List<Standing> standings)
    {
        // The order of LotState.Ranked; the index makes the sort stable, as Ranked's is.
        var ranked = standings.Select((s, i) => (Standing: s, Index: i)).ToArray();
        Array.Sort(ranked, static (a, b) =>
            LotState.RanksBefore(a.Standing, b.Standing) ? -1
            : LotState.RanksBefore(b.Standing, a.Standing) ? 1
            : a.Index.CompareTo(b.Index));
        decimal? threshold = ranked.Length > terms.Shares ? ranked[terms.Shares].Standing.MaxAmount : null;

        var resolved = new List<Standing>(ranked.Length);
        for (var rank = 0; rank < ranked.Length; rank++)
        {
            var s = ranked[rank].Standing;
            var amount = rank >= terms.Shares
                ? s.MaxAmount
                : Math.Max(s.Amount, threshold is { } t ? Math.Min(s.MaxAmount, t + terms.Increment) : s.Amount);
            resolved.Add(amount == s.Amount ? s : s with { Amount = amount });
        }

        return resolved;
    }

    private static BidDecision RaiseMaximum(LotState lot, Standing own, decimal newMax, decimal availableCredit)
    {
        if (newMax <= own.MaxAmount)
        {
            return new BidDecision.Rejected(new BidRejection(
                BidRejectionCode.AlreadyLeading,
                string.Create(CultureInfo.InvariantCulture, $"You already lead this lot at {own.Amount:0.00} with a maximum of {own.MaxAmount:0.00}; to bid higher, set a maximum above it.")));
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
    private static long NextMaxStamp(LotState lot) =>
        Math.Max(lot.Sequence, lot.Standings.IsEmpty ? 0 : lot.Standings.Max(s => s.MaxSequence)) + 1;

    private static ImmutableArray<ExposureChange> ExposureChanges(LotState before, LotState after)
    {
        // What LotState.ReservedBy answers, with each state ranked once rather than once per buyer. Only a leader
        // before or after has anything reserved, so only they can change; listed in the order of the standings.
        var reservedBefore = Reservations(before);
        var reservedAfter = Reservations(after);
        var changes = ImmutableArray.CreateBuilder<ExposureChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in before.Standings.Concat(after.Standings))
        {
            if ((reservedBefore.ContainsKey(s.BuyerId) || reservedAfter.ContainsKey(s.BuyerId)) && seen.Add(s.BuyerId))
            {
                var delta = reservedAfter.GetValueOrDefault(s.BuyerId) - reservedBefore.GetValueOrDefault(s.BuyerId);
                if (delta != 0)
                {
                    changes.Add(new ExposureChange(s.BuyerId, delta));
                }
            }
        }

        return changes.ToImmutable();
    }

    private static Dictionary<string, decimal> Reservations(LotState lot)
    {
        var reserved = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var leader in lot.Leaders)
        {
            reserved.TryAdd(leader.BuyerId, leader.MaxAmount);
        }

        return reserved;
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
