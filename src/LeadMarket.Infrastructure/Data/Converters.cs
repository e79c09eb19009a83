using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadMarket.Infrastructure.Data;

/// <summary>Amounts with two decimals as integer cents.</summary>
public sealed class MoneyConverter() : ValueConverter<decimal, long>(v => Db.Cents(v), v => Db.Money(v));

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(v => Db.Millis(v), v => Db.Time(v));

/// <summary>The storage forms of money and time, shared by EF and the hand-written SQL of the bid writer.</summary>
public static class Db
{
    public static long Cents(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal Money(long cents) => cents / 100m;

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);
}
