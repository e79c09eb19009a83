using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// One lot's card. It renders again only when its own data changed (every parameter is an immutable value, so the
/// page can re-render with hundreds of cards and only the card of the lot an event was about does any work) or when
/// the viewer used the card itself. Nothing here ticks: the countdown runs in the browser (wwwroot/js/room.js).
/// </summary>
public partial class LotCard
{
    /// <summary>How long the "Extended" badge stays up after anti-sniping moved the end.</summary>
    public static readonly TimeSpan ExtendedChipTime = TimeSpan.FromSeconds(8);

    /// <summary>Less time left than this and the countdown turns urgent (room.js uses the same threshold).</summary>
    public static readonly TimeSpan UrgentTime = TimeSpan.FromSeconds(15);

    private DateTimeOffset now;
    private Shown shown;
    private bool parametersChanged;
    private bool ownChange;
    private bool showBids;
    private LotCardParts parts = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private LotCardMarkup Markup { get; set; } = default!;

    [Parameter, EditorRequired]
    public required LotView Lot { get; set; }

    /// <summary>The viewer's own position; only ever their own.</summary>
    [Parameter]
    public MyLotPosition? Mine { get; set; }

    /// <summary>When this page saw anti-sniping move the end.</summary>
    [Parameter]
    public DateTimeOffset? ExtendedAt { get; set; }

    [Parameter]
    public IReadOnlyList<string> WinnerAliases { get; set; } = [];

    /// <summary>Recent bids, newest first; null until loaded.</summary>
    [Parameter]
    public IReadOnlyList<BidView>? Bids { get; set; }

    /// <summary>The buyer who bids from this card; null for a watcher (no bid form).</summary>
    [Parameter]
    public string? BuyerId { get; set; }

    /// <summary>The history was opened and is not loaded yet.</summary>
    [Parameter]
    public EventCallback<Guid> OnBidsWanted { get; set; }

    /// <summary>The viewer's bid from this card was answered.</summary>
    [Parameter]
    public EventCallback<BidOutcome> OnBidPlaced { get; set; }

    private bool IsClosed => Lot.Status == LotStatus.Closed;

    private string? MyAlias => BuyerId is { } buyerId ? BidderAlias.For(Lot.LotId, buyerId) : null;

    /// <summary>Until when the "Extended" badge shows (the script hides it then); null when it is not shown.</summary>
    private DateTimeOffset? ExtendedUntil =>
        !IsClosed && ExtendedAt is { } at && now - at < ExtendedChipTime ? at + ExtendedChipTime : null;

    private string CardClass => Mine?.Status switch
    {
        MyLotStatus.Leading or MyLotStatus.Won => "lot-card mud-elevation-1 lot-card-leading",
        MyLotStatus.Outbid => "lot-card mud-elevation-1 lot-card-outbid",
        _ => IsClosed ? "lot-card mud-elevation-1 lot-card-closed" : "lot-card mud-elevation-1",
    };

    private string CountdownClass => Lot.EndsAt - now < UrgentTime ? "lot-countdown lot-countdown-urgent" : "lot-countdown";

    protected override void OnParametersSet()
    {
        var next = new Shown(Lot, Mine, ExtendedAt, WinnerAliases, Bids, BuyerId);
        parametersChanged = next != shown;
        shown = next;
        now = Time.GetUtcNow();
        if (parametersChanged)
        {
            // The page hands every card its values again on each event in the room; only a changed lot needs its parts.
            parts = Markup.For(Lot);
        }
    }

    // The page re-renders for every event in the room; a card whose values are the same has nothing to show.
    protected override bool ShouldRender()
    {
        var render = parametersChanged || ownChange;
        parametersChanged = ownChange = false;
        return render;
    }

    /// <summary>Time left as the card shows it; wwwroot/js/room.js writes the same text every second.</summary>
    internal static string Countdown(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "Closing…";
        }

        var whole = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        return whole.TotalDays >= 1 ? $"{(int)whole.TotalDays}d {whole.Hours}h"
            : whole.TotalHours >= 1 ? $"{(int)whole.TotalHours}:{whole.Minutes:00}:{whole.Seconds:00}"
            : $"{whole.Minutes}:{whole.Seconds:00}";
    }

    /// <summary>The lead's age as the card shows it; wwwroot/js/room.js writes the same text as time passes.</summary>
    internal static string Age(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? "just now"
        : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min old"
        : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h old"
        : $"{(int)age.TotalDays} d old";

    /// <summary>A moment as the script reads it: ISO 8601 in UTC with milliseconds.</summary>
    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string StateText(MyLotStatus status) => status switch
    {
        MyLotStatus.Leading => "Leading",
        MyLotStatus.Outbid => "Outbid",
        MyLotStatus.Won => "Won",
        MyLotStatus.Lost => "Lost",
        _ => "",
    };

    private static string StateClass(MyLotStatus status) => status switch
    {
        MyLotStatus.Leading or MyLotStatus.Won => "lot-badge lot-badge-success",
        MyLotStatus.Outbid => "lot-badge lot-badge-warning",
        _ => "lot-badge",
    };

    // A maximum that is no more than the bid itself says nothing new.
    private string MineText(MyLotPosition mine) => (mine.MyBid, IsClosed || mine.MyMaximum <= mine.MyBid ? null : mine.MyMaximum) switch
    {
        ({ } bid, { } max) => $"Your bid {Money.Format(bid, Lot.Currency)} · your maximum {Money.Format(max, Lot.Currency)}",
        ({ } bid, null) => $"Your bid {Money.Format(bid, Lot.Currency)}",
        (null, { } max) => $"Your maximum {Money.Format(max, Lot.Currency)}",
        _ => "",
    };

    private async Task ToggleBidsAsync()
    {
        showBids = !showBids;
        ownChange = true;
        now = Time.GetUtcNow();
        if (showBids && Bids is null)
        {
            await OnBidsWanted.InvokeAsync(Lot.LotId);
        }
    }

    /// <summary>The values a render showed; records and lists are immutable, so equal values mean nothing to redraw.</summary>
    private readonly record struct Shown(
        LotView? Lot, MyLotPosition? Mine, DateTimeOffset? ExtendedAt, IReadOnlyList<string>? WinnerAliases, IReadOnlyList<BidView>? Bids, string? BuyerId);
}
