using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Hubs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>The batched feed: a quiet room's bid leaves at once, a busy room's bids leave together once per interval, in order.</summary>
public sealed class RoomFramesTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);
    private static readonly Guid RoomA = Guid.NewGuid();
    private static readonly Guid RoomB = Guid.NewGuid();

    private readonly FakeTimeProvider clock = new();
    private readonly Dictionary<Guid, Recorder> watchers = new() { [RoomA] = new(), [RoomB] = new() };
    private readonly RoomFrames frames;

    public RoomFramesTests()
    {
        frames = new RoomFrames(room => watchers[room], Interval, clock, NullLogger<RoomFrames>.Instance);
    }

    [Fact]
    public void A_quiet_rooms_bid_leaves_at_once()
    {
        frames.Bid(RoomA, Bid(1));

        Assert.Equal(["bids 1"], watchers[RoomA].Sent);
    }

    [Fact]
    public void Bids_within_one_interval_leave_together_when_it_ends()
    {
        frames.Bid(RoomA, Bid(1));
        clock.Advance(TimeSpan.FromMilliseconds(5));
        frames.Bid(RoomA, Bid(2));
        clock.Advance(TimeSpan.FromMilliseconds(10));
        frames.Bid(RoomA, Bid(3));
        clock.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(["bids 1"], watchers[RoomA].Sent);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["bids 1", "bids 2,3"], watchers[RoomA].Sent);

        // The next interval starts at that frame: a bid 10 ms later waits for its end, one after it leaves at once.
        clock.Advance(TimeSpan.FromMilliseconds(10));
        frames.Bid(RoomA, Bid(4));
        clock.Advance(TimeSpan.FromMilliseconds(15));
        clock.Advance(TimeSpan.FromMilliseconds(30));
        frames.Bid(RoomA, Bid(5));
        Assert.Equal(["bids 1", "bids 2,3", "bids 4", "bids 5"], watchers[RoomA].Sent);
    }

    [Fact]
    public void Another_event_sends_the_waiting_bids_before_itself()
    {
        var lot = Guid.NewGuid();
        frames.Bid(RoomA, Bid(1, lot));
        frames.Bid(RoomA, Bid(2, lot));
        frames.Event(RoomA, c => c.LotExtended(new LotExtendedMessage(lot, DateTimeOffset.UnixEpoch)));
        frames.Bid(RoomA, Bid(3, lot));
        frames.Event(RoomA, c => c.LotClosed(new LotClosedMessage(lot, nameof(LotOutcome.Sold), ["Otter 1"])));
        clock.Advance(Interval * 4);

        Assert.Equal(["bids 1", "bids 2", "extended", "bids 3", "closed"], watchers[RoomA].Sent);
    }

    [Fact]
    public void Rooms_are_paced_apart()
    {
        frames.Bid(RoomA, Bid(1));
        frames.Bid(RoomB, Bid(1));
        frames.Bid(RoomA, Bid(2));

        Assert.Equal(["bids 1"], watchers[RoomA].Sent);
        Assert.Equal(["bids 1"], watchers[RoomB].Sent);
        clock.Advance(Interval);
        Assert.Equal(["bids 1", "bids 2"], watchers[RoomA].Sent);
        Assert.Equal(["bids 1"], watchers[RoomB].Sent);
    }

    [Fact]
    public void A_failing_send_does_not_stop_the_next_frames()
    {
        watchers[RoomA].FailNext = true;
        frames.Bid(RoomA, Bid(1));
        clock.Advance(Interval);
        frames.Bid(RoomA, Bid(2));

        Assert.Equal(["failed", "bids 2"], watchers[RoomA].Sent);
    }

    public void Dispose() => frames.Dispose();

    private static BidAcceptedMessage Bid(long sequence, Guid? lot = null) =>
        new(lot ?? Guid.NewGuid(), 10m + sequence, "Otter 1", sequence, DateTimeOffset.UnixEpoch, 11m + sequence, 0, false);

    private sealed class Recorder : IAuctionClient
    {
        public List<string> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task BidsAccepted(IReadOnlyList<BidAcceptedMessage> bids)
        {
            if (FailNext)
            {
                FailNext = false;
                Sent.Add("failed");
                return Task.FromException(new IOException("connection lost"));
            }

            Sent.Add($"bids {string.Join(',', bids.Select(b => b.Sequence))}");
            return Task.CompletedTask;
        }

        public Task LotOpened(LotView card) => Record("opened");

        public Task BidAccepted(BidAcceptedMessage message) => Record("bid");

        public Task LotExtended(LotExtendedMessage message) => Record("extended");

        public Task LotClosed(LotClosedMessage message) => Record("closed");

        private Task Record(string what)
        {
            Sent.Add(what);
            return Task.CompletedTask;
        }
    }
}
