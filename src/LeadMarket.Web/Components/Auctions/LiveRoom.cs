using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>What applying an event changed, so the page knows what to fetch afterwards.</summary>
[Flags]
public enum RoomChange
{
    None = 0,

    /// <summary>Something visible changed: render.</summary>
    Changed = 1,

    /// <summary>The event is about a lot this page does not know: load it.</summary>
    UnknownLot = 2,

    /// <summary>The viewer's own position moved (their bid, being outbid, winning): refresh credit and maximum.</summary>
    MyPosition = 4,

    /// <summary>A bid was missed (sequence gap): the loaded history is incomplete and is dropped.</summary>
    HistoryStale = 8,
}

/// <summary>One lot as the room page shows it: the card plus what the page learned from events.</summary>
public sealed class LiveLot(LotView lot, MyLotPosition? mine)
{
    public const int HistorySize = 20;

    public LotView Lot { get; internal set; } = lot;

    /// <summary>The viewer's own position (null: no position, or a watcher).</summary>
    public MyLotPosition? Mine { get; internal set; } = mine is { Status: MyLotStatus.None } ? null : mine;

    /// <summary>Recent bids, newest first; null until the viewer opens the history.</summary>
    public IReadOnlyList<BidView>? Bids { get; internal set; }

    /// <summary>When this page last saw anti-sniping move the end (local clock).</summary>
    public DateTimeOffset? ExtendedAt { get; internal set; }

    /// <summary>When this page saw the lot close (local clock).</summary>
    public DateTimeOffset? ClosedAt { get; internal set; }

    public IReadOnlyList<string> WinnerAliases { get; internal set; } = [];

    public bool IsClosed => Lot.Status == LotStatus.Closed;
}

/// <summary>
/// The live state of one room for one viewer: a snapshot plus the events after it. Events that the snapshot
/// already contains (sequence not above the card's) are ignored, so subscribing before reading the snapshot
/// loses nothing and counts nothing twice. Not thread-safe: the page applies everything on its dispatcher.
/// </summary>
public sealed class LiveRoom(string? viewerBuyerId)
{
    private readonly Dictionary<Guid, LiveLot> lots = [];
    private IReadOnlyList<LiveLot>? open;
    private IReadOnlyList<LiveLot>? justClosed;

    public RoomSummary? Room { get; private set; }

    public bool IsLoaded => Room is not null;

    /// <summary>Open lots, ending soonest first (sorted once per change, not once per render).</summary>
    public IReadOnlyList<LiveLot> Open =>
        open ??= [.. lots.Values.Where(l => !l.IsClosed).OrderBy(l => l.Lot.EndsAt).ThenBy(l => l.Lot.LotId)];

    public int OpenCount => Open.Count;

    /// <summary>Lots closed while the page was open, latest first.</summary>
    public IReadOnlyList<LiveLot> JustClosed =>
        justClosed ??= [.. lots.Values.Where(l => l.IsClosed).OrderByDescending(l => l.ClosedAt).ThenBy(l => l.Lot.LotId)];

    public LiveLot? Find(Guid lotId) => lots.GetValueOrDefault(lotId);

    public void Load(RoomSnapshot snapshot)
    {
        Invalidate();
        Room = snapshot.Room;
        var mine = snapshot.Mine.ToDictionary(m => m.LotId);
        foreach (var stale in lots.Values.Where(l => !l.IsClosed).Select(l => l.Lot.LotId).ToList())
        {
            lots.Remove(stale);
        }

        foreach (var lot in snapshot.Lots)
        {
            lots[lot.LotId] = new LiveLot(lot, mine.GetValueOrDefault(lot.LotId));
        }
    }

    /// <summary>Adds or replaces one lot read from the store (after an event about an unknown lot).</summary>
    public void Put(LotView lot, MyLotPosition? mine)
    {
        Invalidate();
        if (lots.TryGetValue(lot.LotId, out var known) && known.Lot.Sequence > lot.Sequence)
        {
            return;
        }

        if (lot.Status == LotStatus.Open)
        {
            lots[lot.LotId] = new LiveLot(lot, mine);
        }
    }

    public RoomChange Apply(AuctionEvent auctionEvent, DateTimeOffset now)
    {
        var change = auctionEvent switch
        {
            LotOpenedEvent opened => Opened(opened),
            BidAcceptedEvent bid => BidAccepted(bid),
            LotExtendedEvent extended => Extended(extended, now),
            LotClosedEvent closed => Closed(closed, now),
            _ => RoomChange.None,
        };
        if (change.HasFlag(RoomChange.Changed))
        {
            Invalidate();
        }

        return change;
    }

    /// <summary>The viewer's own bid was answered: take their maximum (no event carries it) and status.</summary>
    public void SetPosition(MyLotPosition position)
    {
        if (lots.TryGetValue(position.LotId, out var live) && !live.IsClosed)
        {
            live.Mine = position.Status == MyLotStatus.None ? null : position;
        }
    }

    /// <summary>Takes a loaded history, keeping bids that events added meanwhile.</summary>
    public void SetBids(Guid lotId, IReadOnlyList<BidView> bids)
    {
        if (lots.TryGetValue(lotId, out var live))
        {
            live.Bids = [.. bids.Concat(live.Bids ?? []).DistinctBy(b => b.Sequence).OrderByDescending(b => b.Sequence).Take(LiveLot.HistorySize)];
        }
    }

    /// <summary>Drops closed lots that have been on show for longer than <paramref name="keep"/>.</summary>
    public bool Prune(DateTimeOffset now, TimeSpan keep)
    {
        var old = lots.Values.Where(l => l.IsClosed && now - l.ClosedAt > keep).Select(l => l.Lot.LotId).ToList();
        old.ForEach(id => lots.Remove(id));
        if (old.Count > 0)
        {
            Invalidate();
        }

        return old.Count > 0;
    }

    private void Invalidate()
    {
        open = null;
        justClosed = null;
    }

    private RoomChange Opened(LotOpenedEvent opened)
    {
        return lots.TryAdd(opened.LotId, new LiveLot(opened.Lot, null)) ? RoomChange.Changed : RoomChange.None;
    }

    private RoomChange BidAccepted(BidAcceptedEvent bid)
    {
        if (!lots.TryGetValue(bid.LotId, out var live))
        {
            return RoomChange.UnknownLot;
        }

        var lot = live.Lot;
        if (live.IsClosed || bid.Sequence <= lot.Sequence)
        {
            return RoomChange.None;
        }

        var change = RoomChange.Changed;
        var gap = bid.Sequence > lot.Sequence + 1;
        live.Lot = lot with
        {
            CurrentPrice = Math.Max(lot.CurrentPrice ?? 0m, bid.Price),
            MinimumBid = bid.MinimumBid,
            SharesLeft = bid.SharesLeft,
            Sequence = bid.Sequence,
            BidCount = checked((int)bid.Sequence),
            EndsAt = bid.EndsAt,
        };

        if (live.Bids is not null)
        {
            if (gap)
            {
                live.Bids = null;
                change |= RoomChange.HistoryStale;
            }
            else
            {
                live.Bids = [new BidView(bid.Sequence, bid.BidderAlias, bid.Price, bid.IsProxy, bid.PlacedAt), .. live.Bids.Take(LiveLot.HistorySize - 1)];
            }
        }

        if (viewerBuyerId is null)
        {
            return change;
        }

        var before = live.Mine;
        var mineBid = bid.BidderId == viewerBuyerId;
        if (before is null && !mineBid)
        {
            return change;
        }

        var status = bid.LeaderIds.Contains(viewerBuyerId) ? MyLotStatus.Leading : MyLotStatus.Outbid;
        var amount = mineBid ? bid.Price : before?.MyBid;
        live.Mine = new MyLotPosition(bid.LotId, status, amount, before?.MyMaximum);
        return mineBid || before?.Status != status ? change | RoomChange.MyPosition : change;
    }

    private RoomChange Extended(LotExtendedEvent extended, DateTimeOffset now)
    {
        if (!lots.TryGetValue(extended.LotId, out var live) || live.IsClosed || extended.EndsAt < live.Lot.EndsAt)
        {
            return RoomChange.None;
        }

        live.Lot = live.Lot with { EndsAt = extended.EndsAt };
        live.ExtendedAt = now;
        return RoomChange.Changed;
    }

    private RoomChange Closed(LotClosedEvent closed, DateTimeOffset now)
    {
        if (!lots.TryGetValue(closed.LotId, out var live) || live.IsClosed)
        {
            return RoomChange.None;
        }

        live.Lot = live.Lot with { Status = LotStatus.Closed, Outcome = closed.Outcome, SharesLeft = live.Lot.Shares - closed.Winners.Count };
        live.ClosedAt = now;
        live.WinnerAliases = [.. closed.Winners.Select(w => w.Alias)];
        if (viewerBuyerId is null)
        {
            return RoomChange.Changed;
        }

        var won = closed.Winners.FirstOrDefault(w => w.BuyerId == viewerBuyerId);
        if (won is not null)
        {
            live.Mine = new MyLotPosition(closed.LotId, MyLotStatus.Won, won.Price, live.Mine?.MyMaximum);
            return RoomChange.Changed | RoomChange.MyPosition;
        }

        if (live.Mine is { } mine)
        {
            live.Mine = mine with { Status = MyLotStatus.Lost };
            return RoomChange.Changed | RoomChange.MyPosition;
        }

        return RoomChange.Changed;
    }
}
