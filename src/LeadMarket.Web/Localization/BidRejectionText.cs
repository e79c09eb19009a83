using System.Globalization;
using LeadMarket.Domain.Auctions;
using LeadMarket.Web.Resources;
using Microsoft.Extensions.Localization;

namespace LeadMarket.Web.Localization;

/// <summary>
/// A bid rejection in the reader's language (the current UI culture): its reason and figures written from
/// <c>BidText</c>. The code a system reads stays the same in every language; only this text follows the language.
/// </summary>
public sealed class BidRejectionText(IStringLocalizer<BidText> text)
{
    /// <summary>The text in <paramref name="culture"/> (for a hub call, the language its connection was opened with).</summary>
    public string For(BidRejection rejection, MarketFormat format, CultureInfo? culture)
    {
        if (culture is null)
        {
            return For(rejection, format);
        }

        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return For(rejection, format);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formatting;
        }
    }

    public string For(BidRejection rejection, MarketFormat format)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ArgumentNullException.ThrowIfNull(format);
        var amount = MarketFormat.Money(rejection.Amount ?? 0m);
        var limit = MarketFormat.Money(rejection.Limit ?? 0m);
        return rejection.Reason switch
        {
            BidRejectionReason.TooLow => text["Rejection.TooLow", amount, limit],
            BidRejectionReason.LotClosed => text["Rejection.LotClosed", rejection.At is { } at ? format.TimeOfDay(at) : "—"],
            BidRejectionReason.OverCredit => text["Rejection.OverCredit", amount, limit],
            BidRejectionReason.AlreadyLeading => text["Rejection.AlreadyLeading", amount, limit],
            BidRejectionReason.InvalidAmount => text["Rejection.InvalidAmount", MarketFormat.Number(rejection.Amount ?? 0m)],
            BidRejectionReason.InvalidMaximum => text["Rejection.InvalidMaximum", MarketFormat.Number(rejection.Amount ?? 0m), limit],
            BidRejectionReason.OverMarketLimit => text["Rejection.OverMarketLimit", limit],
            BidRejectionReason.InvalidClientBidId => text["Rejection.InvalidClientBidId", (int)(rejection.Limit ?? 0m)],
            BidRejectionReason.BidIdReused => text["Rejection.BidIdReused"],
            BidRejectionReason.LotBusy => text["Rejection.LotBusy"],
            BidRejectionReason.NoSuchLot => text["Rejection.NoSuchLot"],
            BidRejectionReason.NoCreditLine => text["Rejection.NoCreditLine"],
            BidRejectionReason.NotABuyer => text["Rejection.NotABuyer"],
            _ => IsEnglish() ? rejection.Message : text[$"Rejection.Code.{rejection.Code}"],
        };
    }

    /// <summary>The text for a bid that was not accepted and carries no rejection.</summary>
    public string NotAccepted() => text["Rejection.NotAccepted"];

    private static bool IsEnglish() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "en" or "iv";
}
