using System.Collections.Immutable;
using System.Text.Json;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;

namespace LeadMarket.Infrastructure.Tests.Auctions;

public sealed class StandingsCodecTests
{
    [Fact]
    public void Standings_round_trip_exactly_in_the_compact_form()
    {
        ImmutableArray<Standing> standings =
        [
            new("0b6f6a0e-6a37-4d0b-9a57-0d2b8f5c1a11", 12.50m, 40.00m, 3, 3),
            new("buyer \"quoted\" ü", 13m, 13m, 4, 9),
        ];

        var stored = StandingsCodec.Write(standings);

        Assert.StartsWith("[[", stored, StringComparison.Ordinal);
        Assert.Equal(standings.ToArray(), StandingsCodec.Read(stored).ToArray());
        Assert.Equal("12.50", StandingsCodec.Read(stored)[0].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void No_standings_are_stored_as_an_empty_array()
    {
        Assert.Equal("[]", StandingsCodec.Write([]));
        Assert.Empty(StandingsCodec.Read("[]"));
    }

    [Fact]
    public void Rows_written_in_the_earlier_form_with_named_members_are_still_read()
    {
        const string earlier = """[{"buyerId":"alice","amount":12.5,"maxAmount":20,"amountSequence":2,"maxSequence":1}]""";

        Assert.Equal([new Standing("alice", 12.5m, 20m, 2, 1)], StandingsCodec.Read(earlier).ToArray());
    }

    [Fact]
    public void Malformed_standings_fail_with_where_they_went_wrong()
    {
        var error = Assert.Throws<JsonException>(() => StandingsCodec.Read("""[["alice",12.5,"twenty",2,1]]"""));

        Assert.Contains("expected Number", error.Message, StringComparison.Ordinal);
        Assert.Contains("at byte 15", error.Message, StringComparison.Ordinal);
    }
}
