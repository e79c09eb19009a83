using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>Admin tab: verticals (reserve, increment, return window) and rooms (add, open/close).</summary>
public partial class MarketStructureAdmin
{
    private IReadOnlyList<VerticalView>? verticals;
    private IReadOnlyList<RoomAdminView>? rooms;
    private string? verticalError;
    private string? roomError;
    private bool busy;

    private VerticalView? editing;
    private decimal editReserve;
    private decimal editIncrement;
    private int editReturnDays;

    private string? newSlug;
    private string? newName;
    private decimal newReserve = 10m;
    private decimal newIncrement = 0.50m;

    private Guid? newRoomVertical;
    private string? newRoomName;
    private string? newRoomRegion;
    private int newRoomAntiSniping = 15;

    [Inject]
    private MarketAdministration Market { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        verticals = await Market.ListVerticalsAsync();
        rooms = await Market.ListRoomsAsync();
    }

    private void StartEdit(VerticalView vertical)
    {
        editing = vertical;
        editReserve = vertical.DefaultReservePrice;
        editIncrement = vertical.MinimumIncrement;
        editReturnDays = vertical.ReturnWindowDays;
        verticalError = null;
    }

    private void CancelEdit() => editing = null;

    private async Task SaveVerticalAsync()
    {
        if (editing is null)
        {
            return;
        }

        var name = editing.Name;
        verticalError = await RunAsync(() => Market.UpdateVerticalAsync(editing.Id, editReserve, editIncrement, editReturnDays));
        if (verticalError is null)
        {
            editing = null;
            Snackbar.Add(T["Admin.SavedNamed", name], Severity.Success);
        }
    }

    private async Task AddVerticalAsync()
    {
        var name = newName ?? "";
        verticalError = await RunAsync(() => Market.AddVerticalAsync(newSlug ?? "", name, newReserve, newIncrement));
        if (verticalError is null)
        {
            newSlug = newName = null;
            Snackbar.Add(T["Admin.AddedVertical", name.Trim()], Severity.Success);
        }
    }

    private async Task AddRoomAsync()
    {
        if (newRoomVertical is not { } verticalId)
        {
            roomError = T["Admin.ChooseVertical"];
            return;
        }

        var name = newRoomName ?? "";
        roomError = await RunAsync(() => Market.AddRoomAsync(verticalId, name, newRoomRegion, newRoomAntiSniping));
        if (roomError is null)
        {
            newRoomName = newRoomRegion = null;
            Snackbar.Add(T["Admin.AddedRoom", name.Trim()], Severity.Success);
        }
    }

    private async Task SetRoomActiveAsync(RoomAdminView room, bool active) =>
        roomError = await RunAsync(() => Market.SetRoomActiveAsync(room.Id, active));

    /// <summary>Runs one change, then reloads both lists (a new vertical shows up in the room form too).</summary>
    private async Task<string?> RunAsync(Func<Task<string?>> change)
    {
        busy = true;
        try
        {
            var error = await change();
            await LoadAsync();
            return error;
        }
        finally
        {
            busy = false;
        }
    }
}
