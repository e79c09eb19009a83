using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// One lot's card. It renders again only when its own data changed (it compares the immutable values it read from
/// its <see cref="LiveLot"/> last time, so the page can re-render with hundreds of cards and only the card of the lot
/// an event was about does any work) or when the viewer used the card itself. Nothing here ticks: the countdown runs
/// in the browser (wwwroot/js/room.js).
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

    /// <summary>
    /// The lot as the room page knows it: the page keeps one per lot and changes it as events arrive, and the card
    /// reads its values each time the page renders. One parameter rather than one per value: the page's own render
    /// tree holds every parameter of every card, for as long as the buyer keeps the room open.
    /// </summary>
    [Parameter, EditorRequired]
    public required LiveLot Live { get; set; }

    /// <summary>What every card of the page shares: the same instance for all of them.</summary>
    [Parameter, EditorRequired]
    public required LotCardContext Context { get; set; }

    private LotView Lot => shown.Lot!;

    /// <summary>The viewer's own position; only ever their own.</summary>
    private MyLotPosition? Mine => shown.Mine;

    /// <summary>When this page saw anti-sniping move the end.</summary>
    private DateTimeOffset? ExtendedAt => shown.ExtendedAt;

    private IReadOnlyList<string> WinnerAliases => shown.WinnerAliases ?? [];

    /// <summary>Recent bids, newest first; null until loaded.</summary>
    private IReadOnlyList<BidView>? Bids => shown.Bids;

    /// <summary>The buyer who bids from this card; null for a watcher (no bid form).</summary>
    private string? BuyerId => shown.BuyerId;

    private EventCallback<BidOutcome> OnBidPlaced => Context.OnBidPlaced;

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
        var next = new Shown(Live.Lot, Live.Mine, Live.ExtendedAt, Live.WinnerAliases, Live.Bids, Context.BuyerId);
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
            await Context.OnBidsWanted.InvokeAsync(Lot.LotId);
        }
    }

    /// <summary>
    /// The values a render shows, taken from <see cref="Live"/> when the page hands the card its parameters; records
    /// and lists are immutable, so equal values mean nothing to redraw.
    /// </summary>
    private readonly record struct Shown(
        LotView? Lot, MyLotPosition? Mine, DateTimeOffset? ExtendedAt, IReadOnlyList<string>? WinnerAliases, IReadOnlyList<BidView>? Bids, string? BuyerId);
}

/// <summary>What every lot card of a room page shares: the viewer and the page's handlers.</summary>
/// <param name="BuyerId">The buyer who bids from the cards; null for a watcher (no bid form).</param>
/// <param name="OnBidsWanted">A card's history was opened and is not loaded yet.</param>
/// <param name="OnBidPlaced">The viewer's bid from a card was answered.</param>
public sealed record LotCardContext(string? BuyerId, EventCallback<Guid> OnBidsWanted, EventCallback<BidOutcome> OnBidPlaced)
{
    /// <summary>A viewer who only watches, with no handlers.</summary>
    public static readonly LotCardContext Watching = new(null, default, default);
}
