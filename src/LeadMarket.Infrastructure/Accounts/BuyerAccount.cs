using LeadMarket.Domain.Accounts;

namespace LeadMarket.Infrastructure.Accounts;

/// <summary>
/// A buyer's money position. <see cref="Exposure"/> is what their leading bids (their proxy maxima) hold
/// back; it is changed only by guarded updates in the bid writer, so two nodes cannot both spend the same credit.
/// </summary>
public sealed class BuyerAccount
{
    public required string UserId { get; init; }

    public decimal CreditLimit { get; set; }

    /// <summary>The sum of settled purchases not yet paid off.</summary>
    public decimal CreditUsed { get; set; }

    public decimal Exposure { get; set; }

    /// <summary>The account's credit as the Domain reads it (see <see cref="CreditLine"/>).</summary>
    public CreditLine Credit => new(CreditLimit, CreditUsed, Exposure);

    public decimal Available => Credit.Available;
}
