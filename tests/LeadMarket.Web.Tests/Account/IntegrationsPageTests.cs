using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Web.Components.Accounts;
using LeadMarket.Web.Tests.Admin;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Account;

public sealed class IntegrationsPageTests(MarketFixture market) : AdminTestContext(market), IClassFixture<MarketFixture>
{
    private const string CreateForm = "form[aria-label='Create an API key']";

    [Fact]
    public async Task A_new_key_shows_its_secret_once_and_is_listed()
    {
        var userId = await SignInAsync("buyer1", Roles.Buyer);
        var (_, page) = RenderPage<Integrations>();

        page.Find($"{CreateForm} input").Input("CRM sync");
        page.Find(CreateForm).Submit();

        var secret = page.WaitForElement("[data-testid=new-key-secret]").TextContent.Trim();
        Assert.StartsWith("lm_", secret);
        Assert.Equal(userId, await App.Services.GetRequiredService<ApiKeyService>().FindUserAsync(secret));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("CRM sync") && row.TextContent.Contains(secret[..8] + "…")));

        // Coming back to the page lists the key but never shows the secret again.
        await DisposeComponentsAsync();
        var again = Render<Integrations>();
        again.WaitForAssertion(() => Assert.Contains(again.FindAll("tbody tr"), row => row.TextContent.Contains("CRM sync")));
        Assert.Empty(again.FindAll("[data-testid=new-key-secret]"));
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public async Task A_key_made_with_the_test_switch_is_a_test_key_and_is_listed_as_one()
    {
        var userId = await SignInAsync("publisher1", Roles.Publisher);
        var (_, page) = RenderPage<Integrations>();

        page.Find($"{CreateForm} input").Input("Staging import");
        page.Find($"{CreateForm} input[type=checkbox]").Change(true);
        page.Find(CreateForm).Submit();

        var secret = page.WaitForElement("[data-testid=new-key-secret]").TextContent.Trim();
        Assert.StartsWith(ApiKeyService.TestKeyPrefix, secret);
        Assert.Contains("test key", page.Find("[data-testid=new-key]").TextContent);
        var owner = await App.Services.GetRequiredService<ApiKeyService>().FindAsync(secret);
        Assert.True(owner is { IsTest: true } && owner.UserId == userId);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"),
            row => row.TextContent.Contains("Staging import") && row.QuerySelector("[data-testid=test-key-chip]") is not null));
    }

    [Fact]
    public async Task The_page_explains_the_header_and_the_hub_query_parameter()
    {
        await SignInAsync("buyer3", Roles.Buyer);
        var (_, page) = RenderPage<Integrations>();

        Assert.Contains("X-Api-Key", page.Markup);
        Assert.Contains("/hubs/auction", page.Markup);
        Assert.Contains("access_token", page.Markup);
    }

    [Fact]
    public async Task A_key_without_a_name_is_not_created_and_the_field_says_why()
    {
        var userId = await SignInAsync("publisher1", Roles.Publisher);
        var before = (await App.Services.GetRequiredService<ApiKeyService>().ListAsync(userId)).Count;
        var (_, page) = RenderPage<Integrations>();

        page.Find($"{CreateForm} input").Input("   ");
        page.Find(CreateForm).Submit();

        page.WaitForAssertion(() => Assert.Contains("Give the key a name of 1 to 100 characters.", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=new-key-secret]"));
        Assert.Equal(before, (await App.Services.GetRequiredService<ApiKeyService>().ListAsync(userId)).Count);
    }

    [Fact]
    public async Task Revoking_a_key_after_confirming_stops_it_from_authenticating()
    {
        var userId = await SignInAsync("buyer2", Roles.Buyer);
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(userId, "Old integration");
        var (dialogs, page) = RenderPage<Integrations>();

        page.WaitForElement("button[aria-label='Revoke Old integration']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals("Revoke", StringComparison.OrdinalIgnoreCase)).Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("Old integration") && row.TextContent.Contains("Revoked")));
        Assert.Null(await keys.FindUserAsync(created.Secret));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_keeps_the_key()
    {
        var userId = await SignInAsync("publisher2", Roles.Publisher);
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync(userId, "Keep me");
        var (dialogs, page) = RenderPage<Integrations>();

        page.WaitForElement("button[aria-label='Revoke Keep me']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals("Cancel", StringComparison.OrdinalIgnoreCase)).Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Revoke this key?", dialogs.Markup));
        Assert.Equal(userId, await keys.FindUserAsync(created.Secret));
        Assert.NotEmpty(page.FindAll("button[aria-label='Revoke Keep me']"));
    }
}
