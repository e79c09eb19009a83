namespace LeadMarket.Domain.Auctions;

/// <summary>Exclusive: one winner. Shared (multisale): up to N winners, one share per buyer.</summary>
public enum SaleMode
{
    Exclusive,
    Shared,
}

public enum LotStatus
{
    Open,
    Closed,
}

public enum LotOutcome
{
    None,
    Sold,
    Unsold,
}
