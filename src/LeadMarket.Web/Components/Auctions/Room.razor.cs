using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// The live bidding room. Once interactive it subscribes to the room's events first and reads the snapshot
/// second; events that arrive in between are held and applied on top (LiveRoom drops what the snapshot already
/// has), so no bid falls into a gap and none counts twice.
/// </summary>
public sealed partial class Room : IDisposable
{
    /// <summary>How long a closed lot stays in "Just closed".</summary>
    public static readonly TimeSpan KeepClosed = TimeSpan.FromSeconds(12);

    /// <summary>How often closed lots are looked at for pruning; nothing else on the page runs on a timer.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(3);

    private Viewer viewer = new(null, false, false);
    private LiveRoom live = new(null);
    private List<AuctionEvent>? held;
    private IDisposable? subscription;
    private IDisposable? creditSubscription;
    private Guid subscribedRoom;
    private CancellationTokenSource? pruning;
    private decimal? availableCredit;
    private bool connected;
    private bool notFound;
    private bool started;
    private bool disposed;

    // One context for all cards (viewer and handlers), made once the viewer is known.
    private LotCardContext cards = LotCardContext.Watching;

    // The words room.js writes the cards' clocks with, taken once: the circuit keeps its language.
    private IReadOnlyDictionary<string, object> clockWords = new Dictionary<string, object>();

    [Parameter]
    public Guid RoomId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private RoomQueries Rooms { get; set; } = default!;

    [Inject]
    private IAuctionNotifier Notifier { get; set; } = default!;

    [Inject]
    private IAccountNotifier Accounts { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string RoomFacts(RoomSummary room)
    {
        var open = live.OpenCount;
        string lots = open == 1 ? T["Room.OneOpenLot"] : T["Room.OpenLotCount", open];
        return room.Region is { Length: > 0 } region ? $"{room.Vertical} · {region} · {lots}" : $"{room.Vertical} · {lots}";
    }

    protected override async Task OnInitializedAsync()
    {
        clockWords = LotCard.ClockWords(T);
        if (AuthenticationState is not null)
        {
            viewer = Viewer.From((await AuthenticationState).User);
        }

        cards = new LotCardContext(
            viewer.BuyerId,
            EventCallback.Factory.Create<Guid>(this, LoadBidsAsync),
            EventCallback.Factory.Create<BidOutcome>(this, OnBidPlacedAsync));

        // The prerender shows no lots (the live page loads them once subscribed), but a guessed id answers 404 at once.
        if (!RendererInfo.IsInteractive && await Rooms.GetRoomAsync(RoomId, null) is null)
        {
            notFound = true;
            Navigation.NotFound();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The same page instance is reused when navigating from one room to another.
        if (started && RoomId != subscribedRoom)
        {
            await ConnectAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only the interactive render subscribes: a prerender would subscribe for a page that is thrown away.
        if (firstRender && RendererInfo.IsInteractive)
        {
            started = true;
            pruning = new CancellationTokenSource();
            _ = PruneClosedAsync(pruning.Token);
            if (viewer.BuyerId is { } buyerId)
            {
                // An admin may change the credit line while the room is open; bids refresh it when they land.
                creditSubscription = Accounts.SubscribeBuyer(buyerId, OnCreditLineChangedAsync);
            }

            await ConnectAsync();
        }
    }

    private async Task ConnectAsync()
    {
        subscription?.Dispose();
        var roomId = RoomId;
        subscribedRoom = roomId;
        live = new LiveRoom(viewer.BuyerId);
        held = [];
        connected = false;
        notFound = false;
        subscription = Notifier.SubscribeRoom(roomId, auctionEvent => OnAuctionEventAsync(roomId, auctionEvent));

        var snapshot = await Rooms.GetRoomAsync(roomId, viewer.BuyerId);
        if (roomId != subscribedRoom || disposed)
        {
            return;
        }

        if (snapshot is null)
        {
            subscription.Dispose();
            subscription = null;
            held = null;
            notFound = true;
            Navigation.NotFound();
            StateHasChanged();
            return;
        }

        live.Load(snapshot);
        var pending = held;
        held = null;
        var followUps = pending.Select(e => (Event: e, Change: live.Apply(e, Time.GetUtcNow()))).ToList();
        connected = true;
        StateHasChanged();

        foreach (var (auctionEvent, change) in followUps)
        {
            await FollowUpAsync(auctionEvent, change);
        }

        await RefreshCreditAsync();
        StateHasChanged();
    }

    private Task OnAuctionEventAsync(Guid roomId, AuctionEvent auctionEvent) => disposed ? Task.CompletedTask : InvokeAsync(async () =>
    {
        if (disposed || roomId != subscribedRoom)
        {
            return;
        }

        if (held is not null)
        {
            held.Add(auctionEvent);
            return;
        }

        try
        {
            var change = live.Apply(auctionEvent, Time.GetUtcNow());
            if (change != RoomChange.None)
            {
                StateHasChanged();
            }

            if (await FollowUpAsync(auctionEvent, change))
            {
                StateHasChanged();
            }
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    /// <summary>Fetches what an event could not carry. True if something was fetched.</summary>
    private async Task<bool> FollowUpAsync(AuctionEvent auctionEvent, RoomChange change)
    {
        var fetched = false;
        if (change.HasFlag(RoomChange.UnknownLot) && await Rooms.GetLotAsync(auctionEvent.LotId) is { } lot && lot.RoomId == subscribedRoom)
        {
            var mine = viewer.BuyerId is { } buyerId ? await Rooms.GetPositionAsync(lot.LotId, buyerId) : null;
            live.Put(lot, mine);
            fetched = true;
        }

        if (change.HasFlag(RoomChange.HistoryStale))
        {
            await LoadBidsAsync(auctionEvent.LotId);
            fetched = true;
        }

        if (change.HasFlag(RoomChange.MyPosition))
        {
            await RefreshCreditAsync();
            fetched = true;
        }

        return fetched;
    }

    private async Task LoadBidsAsync(Guid lotId)
    {
        var bids = await Rooms.GetBidsAsync(lotId, LiveLot.HistorySize);
        live.SetBids(lotId, bids);
    }

    private async Task OnBidPlacedAsync(BidOutcome outcome)
    {
        if (outcome.Position is { } position)
        {
            live.SetPosition(position);
        }

        if (outcome.Result.Accepted)
        {
            await RefreshCreditAsync();
        }
    }

    private async Task RefreshCreditAsync()
    {
        if (viewer.BuyerId is { } buyerId)
        {
            availableCredit = await Rooms.GetAvailableCreditAsync(buyerId);
        }
    }

    private Task OnCreditLineChangedAsync(CreditLineChanged change) => disposed ? Task.CompletedTask : InvokeAsync(async () =>
    {
        if (disposed)
        {
            return;
        }

        try
        {
            await RefreshCreditAsync();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    /// <summary>
    /// Takes lots out of "Just closed" once they have been on show long enough. Countdowns run in the browser
    /// (wwwroot/js/room.js), so this is the page's only timer, and it renders only when it removed something.
    /// </summary>
    private async Task PruneClosedAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PruneInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(() =>
                {
                    if (!disposed && live.Prune(Time.GetUtcNow(), KeepClosed))
                    {
                        StateHasChanged();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        creditSubscription?.Dispose();
        pruning?.Cancel();
        pruning?.Dispose();
    }
}
