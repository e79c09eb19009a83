using System.Globalization;
using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Localization;
using LeadMarket.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
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
    private LotCardWords words = default!;

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

    /// <summary>The card's words in the viewer's language.</summary>
    [Inject]
    private IStringLocalizer<BidText> T { get; set; } = default!;

    [Inject]
    private BidRejectionText Rejections { get; set; } = default!;

    [Inject]
    private MarketFormat Format { get; set; } = default!;

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
        ? string.Join(", ", WinnerAliases.Select(alias => alias == mine ? $"{alias} {T["Card.You"]}" : alias))
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
            words = Markup.Words();
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

    /// <summary>
    /// Time left as the card shows it, in the reader's language; wwwroot/js/room.js writes the same text every
    /// second, from the same words (the room page hands them to it, <see cref="ClockWords"/>).
    /// </summary>
    internal static string Countdown(TimeSpan left, IStringLocalizer<BidText> text)
    {
        if (left <= TimeSpan.Zero)
        {
            return text["Card.Closing"];
        }

        var whole = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        return whole.TotalDays >= 1 ? text["Card.CountdownDays", (int)whole.TotalDays, whole.Hours]
            : whole.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)whole.TotalHours}:{whole.Minutes:00}:{whole.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{whole.Minutes}:{whole.Seconds:00}");
    }

    /// <summary>The lead's age as the card shows it, in the reader's language; wwwroot/js/room.js writes the same text as time passes.</summary>
    internal static string Age(TimeSpan age, IStringLocalizer<BidText> text) =>
        age < TimeSpan.FromMinutes(1) ? text["Card.AgeJustNow"]
        : age < TimeSpan.FromHours(1) ? text["Card.AgeMinutes", (int)age.TotalMinutes]
        : age < TimeSpan.FromDays(1) ? text["Card.AgeHours", (int)age.TotalHours]
        : text["Card.AgeDays", (int)age.TotalDays];

    /// <summary>
    /// The words of the countdown and the lead's age as wwwroot/js/room.js writes them, with {0} and {1} for the
    /// numbers: the room page puts them on the page as data attributes (data-clock-*), so the script never speaks
    /// a language of its own.
    /// </summary>
    internal static IReadOnlyDictionary<string, object> ClockWords(IStringLocalizer<BidText> text) => new Dictionary<string, object>
    {
        ["data-clock-closing"] = text["Card.Closing"].Value,
        ["data-clock-days"] = text["Card.CountdownDays"].Value,
        ["data-clock-just-now"] = text["Card.AgeJustNow"].Value,
        ["data-clock-minutes"] = text["Card.AgeMinutes"].Value,
        ["data-clock-hours"] = text["Card.AgeHours"].Value,
        ["data-clock-days-old"] = text["Card.AgeDays"].Value,
    };

    /// <summary>A moment as the script reads it: ISO 8601 in UTC with milliseconds.</summary>
    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string StateText(MyLotStatus status, IStringLocalizer<BidText> text) => status switch
    {
        MyLotStatus.Leading => text["Card.Leading"],
        MyLotStatus.Outbid => text["Card.Outbid"],
        MyLotStatus.Won => text["Card.Won"],
        MyLotStatus.Lost => text["Card.Lost"],
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
            .Text(StateText(mine.Status, T)).Append("</span><span>").Text(MineText(mine)).Append("</span>");
        if (mine.Status == MyLotStatus.Won)
        {
            html.Append("<a href=\"my-leads\" class=\"mud-link mud-primary-text\">").Text(T["Card.OpenYourLeads"]).Append("</a>");
        }

        return html.Append("</div>").ToString();
    }

    // A maximum that is no more than the bid itself says nothing new.
    private string MineText(MyLotPosition mine) => (mine.MyBid, IsClosed || mine.MyMaximum <= mine.MyBid ? null : mine.MyMaximum) switch
    {
        ({ } bid, { } max) => T["Card.YourBidAndMaximum", MarketFormat.Money(bid, Lot.Currency), MarketFormat.Money(max, Lot.Currency)],
        ({ } bid, null) => T["Card.YourBidAmount", MarketFormat.Money(bid, Lot.Currency)],
        (null, { } max) => T["Card.YourMaximum", MarketFormat.Money(max, Lot.Currency)],
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
            answer = new Answer(Severity.Warning, T["Card.EnterAmount"], Lasting: true);
            return;
        }

        var maximum = showMaximum ? Parse(maximumText) : null;
        if (maximum is null && showMaximum && maximumText.Trim().Length > 0)
        {
            answer = new Answer(Severity.Warning, T["Card.EnterMaximum"], Lasting: true);
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
            answer = Describe(result, position, lot.Currency, T, rejection => Rejections.For(rejection, Format));
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
            answer = new Answer(Severity.Error, T["Rejection.NoAnswer"], Lasting: true);
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

    /// <summary>The answer to a bid in the reader's language; <paramref name="rejectionText"/> writes a rejection's reason.</summary>
    internal static Answer Describe(
        PlaceBidResult result, MyLotPosition? position, string currency, IStringLocalizer<BidText> text, Func<BidRejection, string> rejectionText)
    {
        if (!result.Accepted)
        {
            return new Answer(
                result.Rejection?.Code is BidRejectionCode.AlreadyLeading ? Severity.Info : Severity.Warning,
                result.Rejection is { } rejection ? rejectionText(rejection) : text["Rejection.NotAccepted"],
                Lasting: true);
        }

        if (!result.Leading)
        {
            return new Answer(Severity.Warning, text["Card.OutbidByProxy", MarketFormat.Money(result.MinimumBid, currency)]);
        }

        var at = position?.MyBid ?? result.CurrentPrice;
        string lead = at is { } price ? text["Card.YouLeadAt", MarketFormat.Money(price, currency)] : text["Card.YouLead"];
        return position?.MyMaximum is { } max && max > (at ?? 0m)
            ? new Answer(Severity.Success, text["Card.YouLeadWithMaximum", lead, MarketFormat.Money(max, currency)])
            : new Answer(Severity.Success, text["Card.YouLeadDone", lead]);
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
