using System.Collections.Frozen;
using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>
/// One of the publisher's batches with its lots, updated live from the auction notifier. Another publisher's batch
/// (or a guessed id) is not found. The publisher sees prices and counts, never who bid.
/// </summary>
public sealed partial class BatchOverview : IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private List<BreadcrumbItem> breadcrumbs = [];
    private BatchDetail? detail;
    private List<PublisherLotView> lots = [];

    // Read on the notifier's thread to drop events of other batches without a hop to the renderer; replaced, never mutated.
    private volatile FrozenSet<Guid> lotIds = FrozenSet<Guid>.Empty;
    private string? publisherId;
    private string? currency;
    private bool notFound;
    private DateTimeOffset now;
    private LotFilter filter = LotFilter.All;
    private IDisposable? subscription;
    private ITimer? ticker;
    private bool reloading;
    private bool reloadAgain;

    private enum LotFilter
    {
        All,
        Open,
        Sold,
        Unsold,
    }

    [Parameter]
    public Guid BatchId { get; set; }

    [Inject]
    private PublisherDesk Desk { get; set; } = default!;

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

    [Inject]
    private IAuctionNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    public void Dispose()
    {
        subscription?.Dispose();
        ticker?.Dispose();
        disposed.Cancel();
    }

    protected override async Task OnParametersSetAsync()
    {
        now = Time.GetUtcNow();
        publisherId ??= await PublisherIdentity.IdAsync(AuthenticationState);
        if (detail?.Batch.BatchId != BatchId)
        {
            detail = null;
            lots = [];
            currency = null;
            notFound = false;
        }

        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        subscription = Notifier.SubscribeAll(OnAuctionEvent);
        ticker = Time.CreateTimer(_ => _ = InvokeAsync(Tick), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        // Whatever happened between the first read and the subscription is in the database: read once more.
        await RequestReloadAsync();
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>
    /// Keeps the newer of a row read from the database and a row already updated by events: a read that started
    /// before a bid was committed must not undo the bid on screen.
    /// </summary>
    private static PublisherLotView Merge(PublisherLotView read, PublisherLotView? shown)
    {
        if (shown is null || read.Status == LotStatus.Closed)
        {
            return read;
        }

        if (shown.Status == LotStatus.Closed || shown.Bids > read.Bids)
        {
            return shown;
        }

        return shown.EndsAt > read.EndsAt ? read with { EndsAt = shown.EndsAt } : read;
    }

    private bool Matches(PublisherLotView lot) => filter switch
    {
        LotFilter.Open => lot.Status == LotStatus.Open,
        LotFilter.Sold => lot.Outcome == LotOutcome.Sold,
        LotFilter.Unsold => lot.Status == LotStatus.Closed && lot.Outcome != LotOutcome.Sold,
        _ => true,
    };

    private async Task ReloadAsync()
    {
        var read = publisherId is null ? null : await Desk.GetBatchAsync(publisherId, BatchId, disposed.Token);
        if (read is null)
        {
            notFound = true;
            detail = null;
            lots = [];
            lotIds = FrozenSet<Guid>.Empty;
            Navigation.NotFound();
            return;
        }

        var shown = lots.ToDictionary(l => l.LotId);
        lots = [.. read.Lots.Select(l => Merge(l, shown.GetValueOrDefault(l.LotId)))];
        lotIds = lots.Select(l => l.LotId).ToFrozenSet();
        detail = read;
        breadcrumbs = [new(L["Desk.Title"], "publisher"), new(read.Batch.Name, null, disabled: true)];
        if (currency is null && lots.Count > 0)
        {
            var rooms = await RoomQueries.ListRoomsAsync(disposed.Token);
            currency = rooms.FirstOrDefault(r => r.RoomId == lots[0].RoomId)?.Currency;
        }
    }

    /// <summary>Re-reads the batch; a burst of closings while a read runs costs one more read, not one each.</summary>
    private async Task RequestReloadAsync()
    {
        if (reloading)
        {
            reloadAgain = true;
            return;
        }

        reloading = true;
        try
        {
            do
            {
                reloadAgain = false;
                await ReloadAsync();
                StateHasChanged();
            }
            while (reloadAgain && !disposed.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            reloading = false;
        }
    }

    private Task OnAuctionEvent(AuctionEvent auctionEvent) =>
        lotIds.Contains(auctionEvent.LotId) && !disposed.IsCancellationRequested
            ? InvokeAsync(() => ApplyAsync(auctionEvent))
            : Task.CompletedTask;

    private async Task ApplyAsync(AuctionEvent auctionEvent)
    {
        switch (auctionEvent)
        {
            case BidAcceptedEvent bid:
                Update(bid.LotId, lot => lot.Status == LotStatus.Closed || bid.Sequence < lot.Bids
                    ? lot
                    : lot with { CurrentPrice = bid.Price, Bids = checked((int)bid.Sequence), Leading = lot.Shares - bid.SharesLeft, EndsAt = bid.EndsAt });
                break;
            case LotExtendedEvent extended:
                Update(extended.LotId, lot => lot.Status == LotStatus.Open && extended.EndsAt > lot.EndsAt ? lot with { EndsAt = extended.EndsAt } : lot);
                break;
            case LotClosedEvent closed:
                Update(closed.LotId, lot => lot with { Status = LotStatus.Closed, Outcome = closed.Outcome, Sold = closed.Winners.Sum(w => w.Price) });
                StateHasChanged();

                // The summary (open and sold lots, revenue) and the booked sale amounts come from the database.
                await RequestReloadAsync();
                return;
        }

        StateHasChanged();
    }

    private void Update(Guid lotId, Func<PublisherLotView, PublisherLotView> change)
    {
        var index = lots.FindIndex(l => l.LotId == lotId);
        if (index >= 0)
        {
            lots[index] = change(lots[index]);
        }
    }

    private void Tick()
    {
        now = Time.GetUtcNow();
        if (lots.Exists(l => l.Status == LotStatus.Open))
        {
            StateHasChanged();
        }
    }
}
