using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;

namespace LeadMarket.Web.Tests.Components;

public sealed class LiveRoomTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Me = "buyer-me";

    [Fact]
    public void Events_already_in_the_snapshot_are_not_applied_twice()
    {
        var lot = LotCardTests.Card(Now) with { CurrentPrice = 22m, MinimumBid = 23m, Sequence = 2, BidCount = 2 };
        var room = Loaded(lot);

        var change = room.Apply(Bid(lot, 2, 22m, "rival", ["rival"]), Now);

        Assert.Equal(RoomChange.None, change);
        Assert.Equal(2, room.Find(lot.LotId)!.Lot.BidCount);
    }

    [Fact]
    public void A_bid_after_the_snapshot_moves_price_minimum_end_and_count()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);

        var change = room.Apply(Bid(lot, 1, 20m, "rival", ["rival"]) with { MinimumBid = 21m, EndsAt = lot.EndsAt.AddSeconds(20) }, Now);

        Assert.Equal(RoomChange.Changed, change);
        var card = room.Find(lot.LotId)!.Lot;
        Assert.Equal((20m, 21m, 1, 0), (card.CurrentPrice, card.MinimumBid, card.BidCount, card.SharesLeft));
        Assert.Equal(lot.EndsAt.AddSeconds(20), card.EndsAt);
        Assert.Null(room.Find(lot.LotId)!.Mine);
    }

    [Fact]
    public void A_missed_bid_drops_the_loaded_history_so_it_is_read_again()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);
        room.SetBids(lot.LotId, []);

        var change = room.Apply(Bid(lot, 3, 24m, "rival", ["rival"]), Now);

        Assert.True(change.HasFlag(RoomChange.HistoryStale));
        Assert.Null(room.Find(lot.LotId)!.Bids);
        Assert.Equal(3, room.Find(lot.LotId)!.Lot.BidCount);
    }

    [Fact]
    public void Loaded_history_grows_with_each_bid_newest_first()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);
        room.SetBids(lot.LotId, []);

        room.Apply(Bid(lot, 1, 20m, "rival", ["rival"]), Now);
        room.Apply(Bid(lot, 2, 21m, Me, [Me]) with { IsProxy = true }, Now);

        var bids = room.Find(lot.LotId)!.Bids!;
        Assert.Equal([2L, 1L], bids.Select(b => b.Sequence));
        Assert.True(bids[0].IsProxy);
    }

    [Fact]
    public void The_viewers_position_follows_the_leaders_of_each_bid()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);

        Assert.True(room.Apply(Bid(lot, 1, 20m, Me, [Me]), Now).HasFlag(RoomChange.MyPosition));
        Assert.Equal(new MyLotPosition(lot.LotId, MyLotStatus.Leading, 20m, null), room.Find(lot.LotId)!.Mine);

        Assert.True(room.Apply(Bid(lot, 2, 21m, "rival", ["rival"]), Now).HasFlag(RoomChange.MyPosition));
        Assert.Equal(MyLotStatus.Outbid, room.Find(lot.LotId)!.Mine!.Status);

        var closed = room.Apply(new LotClosedEvent(lot.RoomId, lot.LotId, LotOutcome.Sold, [new WinnerView("rival", "Otter 001", 21m)], Now), Now);
        Assert.True(closed.HasFlag(RoomChange.MyPosition));
        Assert.Equal(MyLotStatus.Lost, room.Find(lot.LotId)!.Mine!.Status);
        Assert.Empty(room.Open);
        Assert.Single(room.JustClosed);
    }

    [Fact]
    public void Closed_lots_leave_the_page_after_a_while()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);
        room.Apply(new LotClosedEvent(lot.RoomId, lot.LotId, LotOutcome.Unsold, [], Now), Now);

        Assert.False(room.Prune(Now.AddSeconds(5), TimeSpan.FromSeconds(10)));
        Assert.True(room.Prune(Now.AddSeconds(11), TimeSpan.FromSeconds(10)));
        Assert.Null(room.Find(lot.LotId));
    }

    [Fact]
    public void A_bid_on_an_unknown_lot_asks_for_the_lot_and_a_new_lot_is_added_once()
    {
        var known = LotCardTests.Card(Now);
        var room = Loaded(known);
        var other = LotCardTests.Card(Now) with { RoomId = known.RoomId, EndsAt = Now.AddMinutes(1) };

        Assert.Equal(RoomChange.UnknownLot, room.Apply(Bid(other, 1, 20m, "rival", ["rival"]), Now));
        Assert.Equal(RoomChange.Changed, room.Apply(new LotOpenedEvent(known.RoomId, other), Now));
        Assert.Equal(RoomChange.None, room.Apply(new LotOpenedEvent(known.RoomId, other), Now));
        Assert.Equal([other.LotId, known.LotId], room.Open.Select(l => l.Lot.LotId));
    }

    [Fact]
    public void Anti_sniping_moves_the_end_and_marks_the_time_it_was_seen()
    {
        var lot = LotCardTests.Card(Now);
        var room = Loaded(lot);

        room.Apply(new LotExtendedEvent(lot.RoomId, lot.LotId, lot.EndsAt.AddSeconds(30)), Now);

        Assert.Equal(lot.EndsAt.AddSeconds(30), room.Find(lot.LotId)!.Lot.EndsAt);
        Assert.Equal(Now, room.Find(lot.LotId)!.ExtendedAt);
    }

    private static LiveRoom Loaded(LotView lot)
    {
        var room = new LiveRoom(Me);
        room.Load(new RoomSnapshot(new RoomSummary(lot.RoomId, "Solar live", "Solar", "solar", null, "EUR", 1), [lot], []));
        return room;
    }

    private static BidAcceptedEvent Bid(LotView lot, long sequence, decimal price, string bidder, string[] leaders) =>
        new(lot.RoomId, lot.LotId, sequence, price, bidder, BidderAlias.For(lot.LotId, bidder), false, lot.EndsAt, price + lot.Increment,
            0, leaders, Now);
}
