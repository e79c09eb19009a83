using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace LeadMarket.Web.Hubs;

/// <summary>The hub's fan-out settings. Section "AuctionHub".</summary>
public sealed class AuctionHubOptions
{
    public const string Section = "AuctionHub";

    /// <summary>
    /// For watchers that joined with <c>JoinRoomBatched</c>: a room's accepted bids leave at most once per interval,
    /// together in one <c>BidsAccepted</c> message. The first bid after a quiet interval leaves at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan FrameInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>
/// The batched feed of the rooms (<see cref="AuctionHub.JoinRoomBatched"/>). A busy room's watchers cost one frame
/// each per interval instead of one per bid: at 1,000 watchers and 100 bids/s that is the difference between 100,000
/// WebSocket messages a second and 20,000 carrying the same bids (docs/decisions/006). A quiet room's bid leaves at
/// once. Any other event (opened, extended, closed) first sends the bids still waiting and then itself, so every
/// watcher sees a room's events in the order they happened: all sends of a room are made under the room's lock, and
/// SignalR writes a connection's messages in the order they were handed over.
/// </summary>
public sealed partial class RoomFrames : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Room> rooms = new();
    private readonly Func<Guid, IAuctionClient> watchersOf;
    private readonly TimeProvider time;
    private readonly ILogger<RoomFrames> logger;
    private readonly long interval;
    private bool disposed;

    /// <param name="watchersOf">The batched watchers of a room (a hub group).</param>
    /// <param name="frameInterval">The shortest time between two bid frames of one room.</param>
    /// <param name="time">Real time, not the market's clock: this paces network frames.</param>
    /// <param name="logger">Where failed sends are reported.</param>
    public RoomFrames(Func<Guid, IAuctionClient> watchersOf, TimeSpan frameInterval, TimeProvider time, ILogger<RoomFrames> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameInterval, TimeSpan.Zero);
        this.watchersOf = watchersOf;
        this.time = time;
        this.logger = logger;
        interval = (long)(frameInterval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Queues an accepted bid for the room's next frame, or sends it now if the room's last frame is old enough.</summary>
    public void Bid(Guid roomId, BidAcceptedMessage bid) => RoomOf(roomId).Add(bid);

    /// <summary>Sends the room's waiting bids, then this event.</summary>
    public void Event(Guid roomId, Func<IAuctionClient, Task> send) => RoomOf(roomId).Send(send);

    public void Dispose()
    {
        disposed = true;
        foreach (var room in rooms.Values)
        {
            room.Dispose();
        }
    }

    private Room RoomOf(Guid roomId)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return rooms.GetOrAdd(roomId, static (id, owner) => new Room(owner, id), this);
    }

    /// <summary>Starts a send and reports its failure, whenever it comes; never throws at the caller.</summary>
    private void Send(Func<IAuctionClient, Task> send, IAuctionClient watchers, Guid roomId)
    {
        Task task;
        try
        {
            task = send(watchers);
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }

        if (!task.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(task, roomId);
        }
    }

    private async Task ObserveAsync(Task send, Guid roomId)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSendFailed(ex, roomId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a frame to the batched watchers of room {RoomId} failed")]
    private partial void LogSendFailed(Exception ex, Guid roomId);

    private sealed class Room : IDisposable
    {
        private readonly Lock gate = new();
        private readonly RoomFrames owner;
        private readonly Guid id;
        private readonly IAuctionClient watchers;
        private readonly ITimer timer;
        private List<BidAcceptedMessage> waiting = [];
        private long lastFrame;
        private bool timerArmed;

        public Room(RoomFrames owner, Guid id)
        {
            this.owner = owner;
            this.id = id;
            watchers = owner.watchersOf(id);
            lastFrame = owner.time.GetTimestamp() - owner.interval;
            timer = owner.time.CreateTimer(static state => ((Room)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Add(BidAcceptedMessage bid)
        {
            lock (gate)
            {
                waiting.Add(bid);
                if (timerArmed)
                {
                    return;
                }

                var wait = lastFrame + owner.interval - owner.time.GetTimestamp();
                if (wait <= 0)
                {
                    SendWaiting();
                    return;
                }

                timerArmed = true;
                timer.Change(TimeSpan.FromSeconds((double)wait / owner.time.TimestampFrequency), Timeout.InfiniteTimeSpan);
            }
        }

        public void Send(Func<IAuctionClient, Task> send)
        {
            lock (gate)
            {
                if (waiting.Count > 0)
                {
                    SendWaiting();
                }

                owner.Send(send, watchers, id);
            }
        }

        public void Dispose() => timer.Dispose();

        private void OnTimer()
        {
            lock (gate)
            {
                timerArmed = false;
                if (waiting.Count > 0)
                {
                    SendWaiting();
                }
            }
        }

        private void SendWaiting()
        {
            var frame = waiting;
            waiting = [];
            lastFrame = owner.time.GetTimestamp();
            owner.Send(c => c.BidsAccepted(frame), watchers, id);
        }
    }
}
