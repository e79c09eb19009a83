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

    /// <summary>Listed, waiting for its opening time (a batch's start time and pacing); not yet in the room.</summary>
    Scheduled,
}

public enum LotOutcome
{
    None,
    Sold,
    Unsold,
}
