using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Demo;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Demo;

/// <summary>The demo feed's leads go through the real pre-ping with the seeded verticals' rules.</summary>
public sealed class DemoLeadsTests(IntakeMarket market) : IClassFixture<IntakeMarket>
{
    [Theory]
    [InlineData("insurance")]
    [InlineData("solar")]
    [InlineData("finance")]
    [InlineData("trades")]
    public async Task Most_demo_leads_of_a_vertical_pass_the_pre_ping_and_some_are_turned_away_as_in_real_feeds(string slug)
    {
        var now = market.Time.GetUtcNow();
        var rules = await RulesAsync(slug);
        var demo = new DemoLeads(new Random(2026));

        var results = Enumerable.Range(1, 500).Select(i => LeadPrePing.Check(demo.Next(slug, now), rules, now, i)).ToList();

        var accepted = results.Count(r => r.Accepted);
        var why = string.Join(", ", results.SelectMany(r => r.Errors).GroupBy(e => $"{e.Field} {e.Code}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}"));
        Assert.True(accepted is >= 400 and <= 495, $"{accepted} of 500 accepted; rejections: {why}");
        var codes = results.SelectMany(r => r.Errors).Select(e => e.Code).ToHashSet();
        Assert.Contains(FieldErrorCodes.DisposableEmail, codes);
        Assert.Contains(FieldErrorCodes.FakeValue, codes);
    }

    [Fact]
    public async Task Demo_leads_vary_across_countries_languages_sources_scores_and_places()
    {
        var now = market.Time.GetUtcNow();
        var rules = await RulesAsync("solar");
        var demo = new DemoLeads(new Random(7));

        var leads = Enumerable.Range(1, 400).Select(_ => demo.Next("solar", now)).ToList();
        var accepted = leads.Select((l, i) => LeadPrePing.Check(l, rules, now, i + 1)).Where(r => r.Accepted).Select(r => r.Lead!).ToList();

        Assert.Equal(["AT", "CH", "DE"], leads.Select(l => l.Country).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["de", "en"], leads.Select(l => l.Language).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["coRegistration", "direct", "sweepstakes"], leads.Select(l => l.SourceType).Distinct().Order(StringComparer.Ordinal));
        Assert.True(leads.Select(l => l.Street).Distinct().Count() > 100, "streets vary");
        Assert.True(leads.Select(l => l.Email[(l.Email.IndexOf('@') + 1)..]).Distinct().Count() >= 8, "mail domains vary");
        Assert.True(leads.Select(l => l.PostalCode).Distinct().Count() >= 30, "postal codes vary");
        Assert.True(accepted.Select(l => l.Score.Value).Distinct().Count() >= 5, "scores vary");
        Assert.Contains(accepted, l => l.PhoneKind == PhoneKind.Mobile);
        Assert.Contains(accepted, l => l.PhoneKind is PhoneKind.FixedLine or PhoneKind.FixedLineOrMobile);
        Assert.Contains(accepted, l => l.Consent.SourceType == LeadSourceType.Sweepstakes);
        Assert.Contains(accepted, l => l.Consent.SourceType == LeadSourceType.CoRegistration && l.Consent.Partners.Count > 0);
        Assert.All(accepted, l => Assert.True(l.Fields.ContainsKey("roof_m2")));
    }

    private async Task<IntakeRules> RulesAsync(string slug)
    {
        Guid verticalId;
        await using (var db = market.Db())
        {
            verticalId = await db.Verticals.Where(v => v.Slug == slug).Select(v => v.Id).SingleAsync();
        }

        var vertical = await market.Services.GetRequiredService<VerticalRulesStore>().GetAsync(verticalId);
        return new IntakeRules(vertical!.Rules, ConsentRules.Default);
    }
}
