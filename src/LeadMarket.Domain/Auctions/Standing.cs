namespace LeadMarket.Domain.Auctions;

/// <summary>
/// One buyer's position on a lot. <see cref="Amount"/> is the visible bid; <see cref="MaxAmount"/> is the
/// proxy maximum, never shown to anyone but its owner. <see cref="MaxSequence"/> is the lot sequence at which
/// the maximum was set: at equal maxima the earlier one ranks first (ties go to the earlier bid).
/// </summary>
public sealed record Standing(string BuyerId, decimal Amount, decimal MaxAmount, long AmountSequence, long MaxSequence);
