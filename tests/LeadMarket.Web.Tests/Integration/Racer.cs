using LeadMarket.Web.Hubs;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>
/// A bidder in a race on one lot: it bids the minimum it last saw (from its own answers or from the room's
/// BidAccepted events, whichever is newer by sequence) and sits a round out while it knows it leads.
/// </summary>
public sealed class Racer
{
    private readonly object gate = new();
    private readonly List<PlaceBidResponse> responses = [];
    private readonly Guid lotId;
    private readonly string alias;
    private long knownSequence = -1;
    private decimal minimum;
    private bool leading;

    public Racer(HubBidder bidder, Guid lotId, decimal reserve)
    {
        Bidder = bidder;
        this.lotId = lotId;
        alias = bidder.Buyer!.AliasOn(lotId);
        minimum = reserve;
        bidder.BidAccepted += Observe;
    }

    public HubBidder Bidder { get; }

    public IReadOnlyList<PlaceBidResponse> Responses
    {
        get
        {
            lock (gate)
            {
                return [.. responses];
            }
        }
    }

    /// <summary>What this racer will bid in the next round: the minimum it knows, or nothing while it leads.</summary>
    public decimal? NextAmount()
    {
        lock (gate)
        {
            return leading ? null : minimum;
        }
    }

    /// <summary>
    /// One round: waits for the shared start, then bids the amount chosen before the start. Chosen before, so a
    /// racer whose task starts late cannot see this round's winner first and bid the next minimum instead.
    /// </summary>
    public async Task RunRoundAsync(Task start, decimal? chosen)
    {
        await start;
        if (chosen is not { } amount)
        {
            return;
        }

        var response = await Bidder.BidAsync(lotId, amount);
        lock (gate)
        {
            responses.Add(response);
            if (response.Sequence >= knownSequence)
            {
                knownSequence = response.Sequence;
                minimum = response.MinimumBid;
                leading = response.Leading;
            }
        }
    }

    /// <summary>Runs <paramref name="rounds"/> rounds in which every racer starts on the same signal.</summary>
    public static async Task RaceAsync(IReadOnlyList<Racer> racers, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var amounts = racers.Select(r => r.NextAmount()).ToList();
            var all = racers.Select((r, i) => Task.Run(() => r.RunRoundAsync(start.Task, amounts[i]))).ToList();
            start.SetResult();
            await Task.WhenAll(all);
        }
    }

    private void Observe(BidAcceptedMessage message)
    {
        if (message.LotId != lotId)
        {
            return;
        }

        lock (gate)
        {
            if (message.Sequence > knownSequence)
            {
                knownSequence = message.Sequence;
                minimum = message.MinimumBid;
                // A proxy bid in our name means we were pushed up as a non-leader (or hold on as one): bid again.
                leading = message.BidderAlias == alias && !message.IsProxy;
            }
        }
    }
}
