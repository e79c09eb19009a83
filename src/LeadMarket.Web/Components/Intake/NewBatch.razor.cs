using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>
/// Opens a batch on the publisher's terms and streams a CSV upload into it through the <see cref="IntakeService"/>
/// (never read whole into memory), with a header-mapping step for files in the publisher's own column names
/// (remembered per publisher) and a progress bar while the file is processed; then moves to the batch's page.
/// </summary>
public sealed partial class NewBatch : IDisposable
{
    /// <summary>The largest upload taken.</summary>
    public const long MaxFileBytes = LeadCsvReader.MaxBytes;

    private static readonly string TemplateHref = "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + LeadCsvReader.Template);

    private readonly CancellationTokenSource disposed = new();
    private readonly Dictionary<string, string?> mapping = new(StringComparer.OrdinalIgnoreCase);

    private MudFileUpload<IBrowserFile>? upload;
    private IReadOnlyList<RoomSummary> rooms = [];
    private IBrowserFile? file;
    private IReadOnlyList<string> columns = [];
    private IReadOnlyList<string> unmapped = [];
    private IReadOnlyList<string> verticalFields = [];
    private CsvHeaderMapping remembered = CsvHeaderMapping.Empty;
    private IReadOnlyList<FieldError> fileErrors = [];
    private IReadOnlyList<FieldError> termErrors = [];
    private IntakeProgress? progress;
    private bool reading;
    private bool submitting;

    private string name = "";
    private Guid? roomId;
    private SaleMode saleMode = SaleMode.Exclusive;
    private int shares = 1;
    private decimal reservePrice = 10m;
    private int duration = 30;
    private DurationUnit unit = DurationUnit.Minutes;
    private DateTime? startDate;
    private TimeSpan? startTime;
    private int pacingSeconds;
    private bool hostedDoubleOptIn;

    private enum DurationUnit
    {
        Minutes = 60,
        Hours = 3600,
        Days = 86400,
    }

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

    [Inject]
    private IntakeService Intake { get; set; } = default!;

    [Inject]
    private CsvHeaderMappings Mappings { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<IntakeUploadText> T { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static string MaxFileText => $"{MaxFileBytes / (1024 * 1024)} MB";

    private static string MaxRowsText => LeadCsvReader.MaxRows.ToString("N0", CultureInfo.CurrentCulture);

    private RoomSummary? SelectedRoom => rooms.FirstOrDefault(r => r.RoomId == roomId);

    private bool Busy => submitting || reading;

    private bool CanSubmit => RendererInfo.IsInteractive && !Busy && file is not null && fileErrors.Count == 0;

    private long DurationSeconds => (long)duration * (int)unit;

    private IReadOnlyList<string> Targets => [.. LeadCsvReader.Columns, .. verticalFields];

    private double ProgressPercent => progress is { BytesTotal: > 0 } p ? Math.Min(100, 100.0 * p.BytesRead / p.BytesTotal) : 0;

    private IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = T["Name"],
        ["roomId"] = T["Room"],
        ["shares"] = T["Shares"],
        ["reservePrice"] = T["Reserve"],
        ["durationSeconds"] = T["Duration"],
        ["startsAt"] = T["StartsAt"],
        ["pacingSeconds"] = T["Pacing"],
    };

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        rooms = await RoomQueries.ListRoomsAsync(disposed.Token);
        if (rooms.Count == 1)
        {
            await OnRoomChangedAsync(rooms[0].RoomId);
        }

        if (await PublisherIdentity.IdAsync(AuthenticationState) is { } publisherId)
        {
            remembered = await Mappings.ForPublisherAsync(publisherId, disposed.Token);
        }
    }

    private static string RoomText(RoomSummary room) =>
        room.Region is { Length: > 0 } region ? $"{room.Name} · {room.Vertical} · {region}" : $"{room.Name} · {room.Vertical}";

    private string? ErrorOf(string field) => termErrors.FirstOrDefault(e => e.Row == 0 && e.Field == field)?.Message;

    private bool HasError(string field) => ErrorOf(field) is not null;

    private void OnSaleModeChanged(SaleMode mode)
    {
        saleMode = mode;
        shares = mode == SaleMode.Exclusive ? 1 : Math.Max(shares, 2);
    }

    private async Task OnRoomChangedAsync(Guid? room)
    {
        roomId = room;
        verticalFields = room is { } id ? await Intake.FieldNamesOfRoomAsync(id, disposed.Token) : [];
        RefreshMapping();
    }

    private async Task OnFileChosenAsync(IBrowserFile? chosen)
    {
        // Null comes from clearing the input below: the last file stays chosen.
        if (chosen is null)
        {
            return;
        }

        file = null;
        columns = [];
        fileErrors = [];
        termErrors = [];
        progress = null;
        reading = true;
        try
        {
            if (chosen.Size > MaxFileBytes)
            {
                var megabytes = (chosen.Size / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.CurrentCulture) + " MB";
                fileErrors = [new FieldError(0, "file", FieldErrorCodes.InvalidValue, T["File.TooLarge", megabytes, MaxFileText])];
                return;
            }

            await using var stream = chosen.OpenReadStream(MaxFileBytes, disposed.Token);
            var (header, errors) = await LeadCsvReader.ReadHeaderAsync(stream, disposed.Token);
            fileErrors = errors;
            columns = header;
            file = errors.Count == 0 ? chosen : null;
            if (file is not null && string.IsNullOrWhiteSpace(name))
            {
                name = Path.GetFileNameWithoutExtension(chosen.Name);
            }

            mapping.Clear();
            RefreshMapping();
        }
        catch (IOException)
        {
            fileErrors = [new FieldError(0, "file", FieldErrorCodes.InvalidValue, T["File.Unreadable"])];
        }
        finally
        {
            reading = false;
        }

        // Lets the publisher fix the file and choose the same file again: an unchanged input raises no change event.
        if (upload is not null)
        {
            await upload.ClearAsync();
        }
    }

    /// <summary>The file's columns that our names and the remembered mapping do not resolve: the mapping step asks for these.</summary>
    private void RefreshMapping()
    {
        unmapped = LeadCsvReader.Unmapped(columns, verticalFields, remembered);
        foreach (var column in unmapped)
        {
            mapping.TryAdd(column, null);
        }
    }

    private void SetMapping(string column, string? field) => mapping[column] = field;

    private CsvHeaderMapping CurrentMapping() => new(remembered.Columns
        .Concat(mapping.Where(m => m.Value is { Length: > 0 } && unmapped.Contains(m.Key)).Select(m => KeyValuePair.Create(m.Key, m.Value!))));

    private async Task ImportAsync()
    {
        if (!CanSubmit || file is null)
        {
            return;
        }

        var errors = new List<FieldError>();
        if (SelectedRoom is null)
        {
            errors.Add(new FieldError(0, "roomId", FieldErrorCodes.MissingField, T["Room.Missing"]));
        }

        var current = CurrentMapping();
        if (LeadCsvReader.Unmapped(columns, verticalFields, current).Count > 0)
        {
            errors.Add(new FieldError(0, "mapping", FieldErrorCodes.MissingField, T["Mapping.Missing"]));
        }

        var publisherId = await PublisherIdentity.IdAsync(AuthenticationState);
        if (publisherId is null)
        {
            errors.Add(new FieldError(0, "account", FieldErrorCodes.InvalidValue, T["Account.Missing"]));
        }

        if (errors.Count > 0 || publisherId is null)
        {
            termErrors = errors;
            return;
        }

        submitting = true;
        termErrors = [];
        try
        {
            DateTimeOffset? startsAt = startDate is { } day ? new DateTimeOffset(day.Date + (startTime ?? TimeSpan.Zero), TimeSpan.Zero) : null;
            var settings = new BatchSettings(name.Trim(), roomId!.Value, saleMode, saleMode == SaleMode.Exclusive ? 1 : shares, reservePrice,
                (int)Math.Min(int.MaxValue, DurationSeconds), startsAt, pacingSeconds, hostedDoubleOptIn);
            var opened = await Intake.OpenBatchAsync(publisherId, settings, IntakeMode.Live, disposed.Token);
            if (opened is not { Ok: true, BatchId: { } batchId })
            {
                termErrors = opened.Errors;
                return;
            }

            await Mappings.RememberAsync(publisherId, current, disposed.Token);
            progress = new IntakeProgress(0, 0, 0, 0, 0, file.Size);
            await using var stream = file.OpenReadStream(MaxFileBytes, disposed.Token);
            var result = await Intake.ImportCsvAsync(publisherId, batchId, stream, file.Size, current, new PageProgress(this), IntakeMode.Live, disposed.Token);
            progress = result.Totals;
            Navigation.NavigateTo($"publisher/batches/{batchId}");
        }
        catch (IOException)
        {
            fileErrors = [new FieldError(0, "file", FieldErrorCodes.InvalidValue, T["File.Unreadable"])];
        }
        finally
        {
            submitting = false;
        }
    }

    /// <summary>Shows the import's progress as its chunks are stored (reported on the import's thread, rendered on the circuit's).</summary>
    private sealed class PageProgress(NewBatch page) : IProgress<IntakeProgress>
    {
        public void Report(IntakeProgress value)
        {
            page.progress = value;
            _ = page.InvokeAsync(page.StateHasChanged);
        }
    }
}
