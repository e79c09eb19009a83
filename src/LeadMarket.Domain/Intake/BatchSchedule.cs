namespace LeadMarket.Domain.Intake;

/// <summary>When a batch's lots open: from its start time, one every <c>pacing</c> seconds (0: each as soon as its lead is accepted).</summary>
public static class BatchSchedule
{
    /// <summary>The opening time of the next accepted lead's lot, and the batch's cursor after it.</summary>
    /// <param name="nextSlotAt">The batch's cursor (its start time before the first lot).</param>
    public static (DateTimeOffset OpensAt, DateTimeOffset NextSlotAt) Next(DateTimeOffset nextSlotAt, int pacingSeconds, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pacingSeconds);
        var opensAt = nextSlotAt > now ? nextSlotAt : now;
        return (opensAt, pacingSeconds == 0 ? opensAt : opensAt.AddSeconds(pacingSeconds));
    }
}
