using System.Globalization;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>
/// The publisher's desk: figures and charts of the last 30 or 90 days (intake, lots by state, revenue, rejection
/// reasons) and the batches with their state, read again every second while one of them imports.
/// </summary>
public sealed partial class Desk : IDisposable
{
    private static readonly int[] Periods = [30, 90];

    private readonly CancellationTokenSource disposed = new();
    private IReadOnlyList<BatchSummary>? batches;
    private Dictionary<string, string> currencies = [];
    private DeskFigures? figures;
    private List<ChartSeries<double>> intakeSeries = [];
    private List<ChartSeries<double>> revenueSeries = [];
    private List<ChartSeries<double>> codeSeries = [];
    private string[] dayLabels = [];
    private string? publisherId;
    private int days = Periods[0];
    private ITimer? ticker;
    private bool reading;

    [Inject]
    private PublisherDesk PublisherDesk { get; set; } = default!;

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    public void Dispose()
    {
        ticker?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        publisherId = await PublisherIdentity.IdAsync(AuthenticationState);
        var rooms = await RoomQueries.ListRoomsAsync(disposed.Token);
        currencies = rooms.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Currency);
        batches = publisherId is null ? [] : await PublisherDesk.ListBatchesAsync(publisherId, ct: disposed.Token);
        await ReadFiguresAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            ticker = Time.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private string? CurrencyOf(string room) => currencies.GetValueOrDefault(room);

    private async Task OnDaysChangedAsync(int value)
    {
        days = value;
        await ReadFiguresAsync();
    }

    private async Task ReadFiguresAsync()
    {
        if (publisherId is null)
        {
            return;
        }

        var read = await PublisherDesk.GetFiguresAsync(publisherId, days, Format.Zone, Time.GetUtcNow(), disposed.Token);
        var culture = CultureInfo.CurrentCulture;

        // A label a week (and the last day) keeps the axis readable over 90 days.
        dayLabels = [.. read.PerDay.Select((d, i) => i % 7 == 0 || i == read.PerDay.Count - 1 ? d.Day.ToString("m", culture) : "")];
        intakeSeries =
        [
            new() { Name = T["Chart.Accepted"], Data = new ChartData<double>([.. read.PerDay.Select(d => (double)d.Accepted)]) },
            new() { Name = T["Chart.Rejected"], Data = new ChartData<double>([.. read.PerDay.Select(d => (double)d.Rejected)]) },
        ];
        revenueSeries = [new() { Name = T["Desk.Revenue"], Data = new ChartData<double>([.. read.PerDay.Select(d => (double)d.Revenue)]) }];
        var index = read.PerDay.Select((d, i) => (d.Day, i)).ToDictionary(x => x.Day, x => x.i);
        codeSeries = [.. read.RejectionCodes.GroupBy(c => c.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var values = new double[read.PerDay.Count];
            foreach (var day in g)
            {
                values[index[day.Day]] += day.Problems;
            }

            return new ChartSeries<double> { Name = g.Key, Data = new ChartData<double>(values) };
        })];
        figures = read;
    }

    /// <summary>While an upload runs, its batch's state and counters (and the figures) follow every second.</summary>
    private async Task TickAsync()
    {
        if (reading || publisherId is null || batches is null || !batches.Any(b => b.Status == BatchStatus.Importing))
        {
            return;
        }

        reading = true;
        try
        {
            batches = await PublisherDesk.ListBatchesAsync(publisherId, ct: disposed.Token);
            await ReadFiguresAsync();
            StateHasChanged();
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
            reading = false;
        }
    }
}
