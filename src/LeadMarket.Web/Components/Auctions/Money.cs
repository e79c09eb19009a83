using System.Globalization;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// How amounts are written on screen: two decimals and the currency, the same in every culture, so an amount on a
/// card reads like the one in the server's answer to a bid.
/// </summary>
public static class Money
{
    public static string Format(decimal amount, string currency) =>
        $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {currency}";
}
