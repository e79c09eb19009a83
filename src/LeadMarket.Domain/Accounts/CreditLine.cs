namespace LeadMarket.Domain.Accounts;

/// <summary>
/// A buyer's credit: the limit an admin set, what settled purchases use of it, and the exposure their leading
/// bids (their proxy maxima) hold back. What is left to bid with is the limit less both.
/// </summary>
public readonly record struct CreditLine(decimal Limit, decimal Used, decimal Exposure)
{
    /// <summary>What the buyer can still bid with; negative when a lowered limit or a settlement overran it.</summary>
    public decimal Available => Limit - Used - Exposure;

    /// <summary>What is spoken for: settled purchases and open leading bids.</summary>
    public decimal Committed => Used + Exposure;

    /// <summary>Whether <paramref name="extra"/> more exposure fits under the limit (the bid writer's guarded update says the same in SQL).</summary>
    public bool CanHold(decimal extra) => Exposure + extra <= Limit - Used;

    /// <summary>Whether the limit may be set to <paramref name="limit"/>: never below what is committed.</summary>
    public bool AllowsLimit(decimal limit) => limit >= 0 && Committed <= limit;
}
