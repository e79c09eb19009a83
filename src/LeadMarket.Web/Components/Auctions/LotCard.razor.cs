using System.Globalization;
using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>The answer to a bid from a card, with the viewer's position afterwards (null when rejected).</summary>
public sealed record BidOutcome(PlaceBidResult Result, MyLotPosition? Position);

/// <summary>
/// One lot's card with its quick bid: the amount (prefilled with the minimum) and a Bid button, Enter to send; a
/// hidden proxy maximum behind a toggle, its field rendered only when opened; the server's answer.
/// <para>
/// It renders again only when its own data changed (it compares the immutable values it read from its
/// <see cref="LiveLot"/> last time, so the page can re-render with hundreds of cards and only the card of the lot an
/// event was about does any work) or when the viewer used the card itself; typing does not render. Nothing here
/// ticks: the countdown runs in the browser (wwwroot/js/room.js).
/// </para>
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
    private MarkupString? mineMarkup;

    // The bid form's state.
    private string amountText = "";
    private string maximumText = "";
    private decimal? prefilled;
    private bool showMaximum;
    private bool busy;
    private Answer? answer;
    private decimal answeredAtMinimum;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private LotCardMarkup Markup { get; set; } = default!;

    [Inject]
    private BidService BidService { get; set; } = default!;

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

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

    /// <summary>The winners' aliases, the viewer's own marked: on a shared lot the viewer cannot tell theirs apart otherwise.</summary>
    private string WinnersText => MyAlias is { } mine
        ? string.Join(", ", WinnerAliases.Select(alias => alias == mine ? $"{alias} (you)" : alias))
        : string.Join(", ", WinnerAliases);

    /// <summary>Recent bids, newest first; null until loaded.</summary>
    private IReadOnlyList<BidView>? Bids => shown.Bids;

    /// <summary>The buyer who bids from this card; null for a watcher (no bid form).</summary>
    private string? BuyerId => shown.BuyerId;

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

    // Clicks before the circuit is connected would be lost, so nothing is enabled while prerendered; once the lot's
    // time is up, the form takes no more bids (room.js makes it inert in the browser at that moment).
    private bool CanEdit => RendererInfo.IsInteractive && Lot.EndsAt > now;

    private bool CanSubmit => CanEdit && !busy;

    private string ResultClass => answer?.Severity switch
    {
        null => "bid-result",
        Severity.Success => "bid-result bid-answer bid-answer-success",
        Severity.Info => "bid-result bid-answer bid-answer-info",
        Severity.Error => "bid-result bid-answer bid-answer-error",
        _ => "bid-result bid-answer bid-answer-warning",
    };

    protected override void OnParametersSet()
    {
        var next = new Shown(Live.Lot, Live.Mine, Live.ExtendedAt, Live.WinnerAliases, Live.Bids, Context.BuyerId);
        now = Time.GetUtcNow();
        parametersChanged = next != shown;
        if (!parametersChanged)
        {
            // The page hands every card its values again on each event in the room; only a changed card does any work.
            return;
        }

        var moved = next.Lot != shown.Lot;
        var mineChanged = moved || next.Mine != shown.Mine;
        shown = next;
        if (moved)
        {
            parts = Markup.For(Lot, now);
            FollowTheLot();
        }

        if (mineChanged)
        {
            mineMarkup = Mine is { } mine ? new MarkupString(MineHtml(mine)) : null;
        }
    }

    private void FollowTheLot()
    {
        // Follow the minimum while the viewer has not typed an amount of their own.
        if (amountText.Length == 0 || Parse(amountText) == prefilled)
        {
            amountText = Plain(Lot.MinimumBid);
        }

        prefilled = Lot.MinimumBid;

        // "You lead at …" describes a moment; once the lot has moved on, the card's own state tells the rest. Minimums
        // only rise. The answer and the bid's own event reach this page separately, in either order: a card still
        // showing the lot as it was before the bid has not moved on.
        if (answer is { Lasting: false } && Lot.MinimumBid > answeredAtMinimum)
        {
            answer = null;
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

    /// <summary>The viewer's own position as one piece of markup: their state, bid and maximum, and once won, the way to the lead.</summary>
    private string MineHtml(MyLotPosition mine)
    {
        var html = new StringBuilder(256)
            .Append("<div class=\"lot-mine\"><span class=\"").Append(StateClass(mine.Status)).Append("\" data-testid=\"my-state\">")
            .Append(StateText(mine.Status)).Append("</span><span>").Text(MineText(mine)).Append("</span>");
        if (mine.Status == MyLotStatus.Won)
        {
            html.Append("<a href=\"my-leads\" class=\"mud-link mud-primary-text\">Open your leads</a>");
        }

        return html.Append("</div>").ToString();
    }

    // A maximum that is no more than the bid itself says nothing new.
    private string MineText(MyLotPosition mine) => (mine.MyBid, IsClosed || mine.MyMaximum <= mine.MyBid ? null : mine.MyMaximum) switch
    {
        ({ } bid, { } max) => $"Your bid {Money.Format(bid, Lot.Currency)} · your maximum {Money.Format(max, Lot.Currency)}",
        ({ } bid, null) => $"Your bid {Money.Format(bid, Lot.Currency)}",
        (null, { } max) => $"Your maximum {Money.Format(max, Lot.Currency)}",
        _ => "",
    };

    private async Task SubmitAsync()
    {
        if (!CanSubmit)
        {
            return;
        }

        ownChange = true;
        if (Parse(amountText) is not { } bid)
        {
            answer = new Answer(Severity.Warning, "Enter the amount you want to bid.", Lasting: true);
            return;
        }

        var maximum = showMaximum ? Parse(maximumText) : null;
        if (maximum is null && showMaximum && maximumText.Trim().Length > 0)
        {
            answer = new Answer(Severity.Warning, "Enter your maximum as an amount, or choose \"No maximum\".", Lasting: true);
            return;
        }

        busy = true;
        answer = null;
        var lot = Lot;
        try
        {
            // A new id per attempt: a retry of this very request (reconnect) would be one bid, a new click is another.
            var result = await BidService.PlaceBidAsync(new PlaceBidCommand(BuyerId!, lot.LotId, bid, maximum, Guid.NewGuid().ToString("N")));
            var position = result.Accepted ? await RoomQueries.GetPositionAsync(lot.LotId, BuyerId!) : null;
            answer = Describe(result, position, lot.Currency);
            answeredAtMinimum = result.Accepted ? result.MinimumBid : Lot.MinimumBid;
            if (result.Accepted)
            {
                prefilled = result.MinimumBid;
                amountText = Plain(result.MinimumBid);
                maximumText = "";
                showMaximum = false;
            }

            await Context.OnBidPlaced.InvokeAsync(new BidOutcome(result, position));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = new Answer(Severity.Error, "Your bid could not be placed because the market did not answer. Please try again.", Lasting: true);
        }
        finally
        {
            busy = false;
            ownChange = true;
        }
    }

    // Typing renders nothing: the input already shows what was typed, and the next render writes the same text.
    private void OnAmountInput(ChangeEventArgs e) => amountText = e.Value as string ?? "";

    private void OnMaximumInput(ChangeEventArgs e) => maximumText = e.Value as string ?? "";

    private void ToggleMaximum()
    {
        showMaximum = !showMaximum;
        ownChange = true;
        if (!showMaximum)
        {
            maximumText = "";
        }
    }

    /// <summary>An amount as a number input holds it: invariant, two decimals.</summary>
    internal static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// What the viewer typed, as an amount: "14.50", or "14,50" as many buyers write it. A text input rather than
    /// type=number, whose value reads empty while "14," is half typed and would be wiped by the next render.
    /// </summary>
    internal static decimal? Parse(string text)
    {
        var plain = text.Trim();
        if (!plain.Contains('.', StringComparison.Ordinal))
        {
            plain = plain.Replace(',', '.');
        }

        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    internal static Answer Describe(PlaceBidResult result, MyLotPosition? position, string currency)
    {
        if (!result.Accepted)
        {
            return new Answer(
                result.Rejection?.Code is BidRejectionCode.AlreadyLeading ? Severity.Info : Severity.Warning,
                result.Rejection?.Message ?? "Your bid was not accepted.",
                Lasting: true);
        }

        if (!result.Leading)
        {
            return new Answer(Severity.Warning,
                $"Accepted, but outbid at once by a proxy bid. The minimum is now {Money.Format(result.MinimumBid, currency)}.");
        }

        var at = position?.MyBid ?? result.CurrentPrice;
        var lead = at is { } price ? $"You lead at {Money.Format(price, currency)}" : "You lead";
        return position?.MyMaximum is { } max && max > (at ?? 0m)
            ? new Answer(Severity.Success, $"{lead}, with your maximum of {Money.Format(max, currency)} bidding for you.")
            : new Answer(Severity.Success, $"{lead}.");
    }

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

    /// <summary>What the bid form says; a lasting answer (a rejection) stays until the next attempt.</summary>
    internal sealed record Answer(Severity Severity, string Text, bool Lasting = false);

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
