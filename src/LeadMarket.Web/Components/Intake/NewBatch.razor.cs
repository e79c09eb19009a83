using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LeadMarket.Web.Components.Intake;

/// <summary>Lists a batch from a CSV upload: every problem is shown by row and column, and nothing is listed while any remains.</summary>
public sealed partial class NewBatch : IDisposable
{
    /// <summary>The largest upload taken (5 MB holds the maximum number of rows with room to spare).</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    // The terms' field names as ListingService reports them, in the words of this form.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["file"] = "File",
        ["leads"] = "File",
        ["name"] = "Batch name",
        ["roomId"] = "Room",
        ["shares"] = "Shares",
        ["reservePrice"] = "Reserve price",
        ["durationSeconds"] = "Duration",
        ["account"] = "Account",
    };

    private static readonly string TemplateHref = "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + LeadCsv.Template);

    private readonly List<BreadcrumbItem> breadcrumbs = [new("Publisher desk", "publisher"), new("New batch", null, disabled: true)];
    private readonly CancellationTokenSource disposed = new();

    private MudFileUpload<IBrowserFile>? upload;
    private IReadOnlyList<RoomSummary> rooms = [];
    private string? fileName;
    private IReadOnlyList<LeadInput> leads = [];
    private IReadOnlyList<FieldError> fileErrors = [];
    private IReadOnlyList<FieldError> termErrors = [];
    private bool reading;
    private bool submitting;

    private string name = "";
    private Guid? roomId;
    private SaleMode saleMode = SaleMode.Exclusive;
    private int shares = 1;
    private decimal reservePrice = 10m;
    private int duration = 30;
    private DurationUnit unit = DurationUnit.Minutes;

    private enum DurationUnit
    {
        Minutes = 60,
        Hours = 3600,
        Days = 86400,
    }

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

    [Inject]
    private ListingService Listing { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static string MaxFileText => $"{MaxFileBytes / (1024 * 1024)} MB";

    private RoomSummary? SelectedRoom => rooms.FirstOrDefault(r => r.RoomId == roomId);

    private bool CanSubmit =>
        RendererInfo.IsInteractive && !submitting && !reading && leads.Count > 0 && fileErrors.Count == 0;

    private long DurationSeconds => (long)duration * (int)unit;

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
            roomId = rooms[0].RoomId;
        }
    }

    private static string RoomText(RoomSummary room) =>
        room.Region is { Length: > 0 } region ? $"{room.Name} · {room.Vertical} · {region}" : $"{room.Name} · {room.Vertical}";

    private static string LeadsText(int count) => count == 1 ? "1 lead" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} leads";

    private string? ErrorOf(string field) => termErrors.FirstOrDefault(e => e.Row == 0 && e.Field == field)?.Message;

    private bool HasError(string field) => ErrorOf(field) is not null;

    private void OnSaleModeChanged(SaleMode mode)
    {
        saleMode = mode;
        shares = mode == SaleMode.Exclusive ? 1 : Math.Max(shares, 2);
    }

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        // Null comes from clearing the input below: the outcome of the last file stays on screen.
        if (file is null)
        {
            return;
        }

        leads = [];
        termErrors = [];
        fileName = file.Name;
        reading = true;
        try
        {
            (leads, fileErrors) = await ReadAsync(file);
            if (fileErrors.Count == 0 && string.IsNullOrWhiteSpace(name))
            {
                name = Path.GetFileNameWithoutExtension(file.Name);
            }
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

    private async Task<(IReadOnlyList<LeadInput> Leads, IReadOnlyList<FieldError> Errors)> ReadAsync(IBrowserFile file)
    {
        if (file.Size > MaxFileBytes)
        {
            var megabytes = (file.Size / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
            return ([], [new FieldError(0, "file", FieldErrorCodes.InvalidValue, $"The file is {megabytes} MB; at most {MaxFileText} can be uploaded at once. Split it into several batches.")]);
        }

        try
        {
            await using var stream = file.OpenReadStream(MaxFileBytes, disposed.Token);
            var result = await LeadCsv.ReadAsync(stream, disposed.Token);
            return (result.Leads, result.Errors);
        }
        catch (IOException)
        {
            return ([], [new FieldError(0, "file", FieldErrorCodes.InvalidValue, "The file could not be read to the end. Choose it again.")]);
        }
    }

    private async Task ListBatchAsync()
    {
        if (!CanSubmit)
        {
            return;
        }

        var errors = CheckTerms();
        if (errors.Count > 0)
        {
            termErrors = errors;
            return;
        }

        submitting = true;
        termErrors = [];
        try
        {
            var publisherId = await PublisherIdentity.IdAsync(AuthenticationState);
            if (publisherId is null)
            {
                termErrors = [new FieldError(0, "account", FieldErrorCodes.InvalidValue, "Sign in as a publisher to list leads.")];
                return;
            }

            var terms = new BatchTerms(name.Trim(), roomId!.Value, saleMode, saleMode == SaleMode.Exclusive ? 1 : shares, reservePrice, (int)DurationSeconds);
            var result = await Listing.ListAsync(publisherId, terms, leads, disposed.Token);
            if (result is { Ok: true, BatchId: { } batchId })
            {
                Navigation.NavigateTo($"publisher/batches/{batchId}");
                return;
            }

            termErrors = result.Errors;
        }
        finally
        {
            submitting = false;
        }
    }

    /// <summary>The Domain's listing terms, and what only this form knows: a room must be chosen.</summary>
    private List<FieldError> CheckTerms()
    {
        var errors = new List<FieldError>(ListingTerms.Check(name, saleMode, saleMode == SaleMode.Exclusive ? 1 : shares, reservePrice, DurationSeconds));
        if (SelectedRoom is null)
        {
            errors.Add(new FieldError(0, "roomId", FieldErrorCodes.MissingField, "Choose the room the lots go on sale in."));
        }

        return errors;
    }
}
