using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>The answer to a bid from this form, with the viewer's position afterwards (null when rejected).</summary>
public sealed record BidOutcome(PlaceBidResult Result, MyLotPosition? Position);

public partial class BidForm
{
    private static readonly MarkupString AmountLabel = new("<span class=\"bid-field-label\">Your bid</span>");
    private static readonly MarkupString MaximumLabel = new("<span class=\"bid-field-label\">Maximum</span>");
    private static readonly MarkupString MaximumHint = new("<span class=\"bid-form-hint\">Bids for you only as far as needed; hidden from others.</span>");

    private LotCardParts parts = default!;
    private string amountText = "";
    private string maximumText = "";
    private decimal? prefilled;
    private bool showMaximum;
    private bool busy;
    private Answer? answer;
    private decimal answeredAtMinimum;

    [Inject]
    private BidService BidService { get; set; } = default!;

    [Inject]
    private RoomQueries RoomQueries { get; set; } = default!;

    [Inject]
    private LotCardMarkup Markup { get; set; } = default!;

    /// <summary>The lot bid on: its id, minimum and currency.</summary>
    [Parameter, EditorRequired]
    public required LotView Lot { get; set; }

    [Parameter, EditorRequired]
    public required string BuyerId { get; set; }

    /// <summary>True once the lot's time is up (it may not be settled yet).</summary>
    [Parameter]
    public bool Ended { get; set; }

    [Parameter]
    public EventCallback<BidOutcome> OnPlaced { get; set; }

    // Clicks before the circuit is connected would be lost, so nothing is enabled while prerendered.
    private bool CanEdit => RendererInfo.IsInteractive && !Ended;

    private bool CanSubmit => CanEdit && !busy;

    protected override void OnParametersSet()
    {
        parts = Markup.For(Lot);

        // Follow the minimum while the viewer has not typed an amount of their own.
        if (amountText.Length == 0 || Parse(amountText) == prefilled)
        {
            amountText = Plain(Lot.MinimumBid);
        }

        prefilled = Lot.MinimumBid;

        // "You lead at …" describes a moment; once the lot has moved on, the card's own state chip tells the rest.
        // Minimums only rise. The answer and the bid's own event reach this page separately, in either order: a
        // card still showing the lot as it was before the bid has not moved on.
        if (answer is { Lasting: false } && Lot.MinimumBid > answeredAtMinimum)
        {
            answer = null;
        }
    }

    private async Task SubmitAsync()
    {
        if (!CanSubmit)
        {
            return;
        }

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
        try
        {
            // A new id per attempt: a retry of this very request (reconnect) would be one bid, a new click is another.
            var result = await BidService.PlaceBidAsync(new PlaceBidCommand(BuyerId, Lot.LotId, bid, maximum, Guid.NewGuid().ToString("N")));
            var position = result.Accepted ? await RoomQueries.GetPositionAsync(Lot.LotId, BuyerId) : null;
            answer = Describe(result, position, Lot.Currency);
            answeredAtMinimum = result.Accepted ? result.MinimumBid : Lot.MinimumBid;
            if (result.Accepted)
            {
                prefilled = result.MinimumBid;
                amountText = Plain(result.MinimumBid);
                maximumText = "";
                showMaximum = false;
            }

            await OnPlaced.InvokeAsync(new BidOutcome(result, position));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = new Answer(Severity.Error, "Your bid could not be placed because the market did not answer. Please try again.", Lasting: true);
        }
        finally
        {
            busy = false;
        }
    }

    private void OnAmountInput(ChangeEventArgs e) => amountText = e.Value as string ?? "";

    private void OnMaximumInput(ChangeEventArgs e) => maximumText = e.Value as string ?? "";

    private void ToggleMaximum()
    {
        showMaximum = !showMaximum;
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

    private static string AnswerClass(Severity severity) => severity switch
    {
        Severity.Success => "bid-answer bid-answer-success",
        Severity.Info => "bid-answer bid-answer-info",
        Severity.Error => "bid-answer bid-answer-error",
        _ => "bid-answer bid-answer-warning",
    };

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

    /// <summary>What the form says; a lasting answer (a rejection) stays until the next attempt.</summary>
    internal sealed record Answer(Severity Severity, string Text, bool Lasting = false);
}
