namespace LeadMarket.Domain.Auctions;

/// <summary>
/// One buyer's position on a lot. <see cref="Amount"/> is the visible bid; <see cref="MaxAmount"/> is the
/// proxy maximum, never shown to anyone but its owner. <see cref="MaxSequence"/> orders the moments maxima were set
/// (a bid's own sequence, or a later stamp for a raised maximum): at equal maxima the earlier one ranks first.
/// </summary>
public sealed record Standing(string BuyerId, decimal Amount, decimal MaxAmount, long AmountSequence, long MaxSequence);
