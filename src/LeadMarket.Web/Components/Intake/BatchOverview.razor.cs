using LeadMarket.Web.Localization;
using System.Collections.Frozen;
using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>
/// One of the publisher's batches: its report (counters, progress while an upload runs, the rejected rows), its
/// settings and its lots, updated live from the auction notifier. The upload's progress is read from the batch's row
/// every second while it imports, so it shows an upload running on another node too. Another publisher's batch (or a
/// guessed id) is not found. The publisher sees prices and counts, never who bid.
/// </summary>
public sealed partial class BatchOverview : IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private List<BreadcrumbItem> breadcrumbs = [];
    private BatchDetail? detail;
    private BatchReportView? report;
    private BatchRejections? rejections;
    private bool polling;
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
        Scheduled,
        Open,
        Sold,
        Unsold,
    }

    [Parameter]
    public Guid BatchId { get; set; }

    [Inject]
    private FieldErrorText Words { get; set; } = null!;

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
            report = null;
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

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("N1", CultureInfo.CurrentCulture) + " MB";

    /// <summary>A rejection in the reader's words (one place for the page and the download).</summary>
    private string Describe(FieldError error) => Words.Message(error);

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
        LotFilter.Scheduled => lot.Status == LotStatus.Scheduled,
        LotFilter.Open => lot.Status == LotStatus.Open,
        LotFilter.Sold => lot.Outcome == LotOutcome.Sold,
        LotFilter.Unsold => lot.Status == LotStatus.Closed && lot.Outcome != LotOutcome.Sold,
        _ => true,
    };

    private async Task ReloadAsync()
    {
        var read = publisherId is null ? null : await Desk.GetBatchAsync(publisherId, BatchId, disposed.Token);
        var readReport = publisherId is null || read is null ? null : await Desk.GetReportAsync(publisherId, BatchId, disposed.Token);
        if (read is null || readReport is null)
        {
            notFound = true;
            detail = null;
            report = null;
            lots = [];
            lotIds = FrozenSet<Guid>.Empty;
            Navigation.NotFound();
            return;
        }

        var shown = lots.ToDictionary(l => l.LotId);
        lots = [.. read.Lots.Select(l => Merge(l, shown.GetValueOrDefault(l.LotId)))];
        lotIds = lots.Select(l => l.LotId).ToFrozenSet();
        detail = read;
        report = readReport;
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

    private async Task Tick()
    {
        now = Time.GetUtcNow();
        if (report?.Progress.Status == BatchStatus.Importing)
        {
            await PollProgressAsync();
            return;
        }

        if (lots.Exists(l => l.Status == LotStatus.Open))
        {
            StateHasChanged();
        }
    }

    /// <summary>
    /// Reads the batch's counters while its upload runs: the figures and the progress bar follow every second, the
    /// rejected rows when new ones were counted, and the whole report once the upload has ended.
    /// </summary>
    private async Task PollProgressAsync()
    {
        if (polling || publisherId is null || report is null)
        {
            return;
        }

        polling = true;
        try
        {
            var progress = await Desk.GetProgressAsync(publisherId, BatchId, disposed.Token);
            if (progress is null || progress == report.Progress)
            {
                return;
            }

            var moreRejected = progress.Rejected != report.Progress.Rejected;
            if (progress.Status != BatchStatus.Importing)
            {
                await RequestReloadAsync();
                if (rejections is not null)
                {
                    await rejections.ReloadAsync();
                }

                return;
            }

            report = moreRejected ? await Desk.GetReportAsync(publisherId, BatchId, disposed.Token) ?? report : report with { Progress = progress };
            StateHasChanged();
            if (moreRejected && rejections is not null)
            {
                await rejections.ReloadAsync();
            }
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
            polling = false;
        }
    }
}
