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

    /// <summary>One round: waits for the shared start, then bids once unless it knows it leads.</summary>
    public async Task RunRoundAsync(Task start)
    {
        await start;
        decimal amount;
        lock (gate)
        {
            if (leading)
            {
                return;
            }

            amount = minimum;
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
            var all = racers.Select(r => Task.Run(() => r.RunRoundAsync(start.Task))).ToList();
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
