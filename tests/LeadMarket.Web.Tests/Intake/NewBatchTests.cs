using Bunit;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Components.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadMarket.Web.Tests.Intake;

public sealed class NewBatchTests : PublisherTestContext
{
    private static readonly string Header = LeadCsv.Template.Split('\n')[0];
    private static readonly string GoodRow = LeadCsv.Template.Split('\n')[1];

    [Fact]
    public async Task Csv_with_errors_in_rows_2_and_4_shows_both_and_lists_nothing()
    {
        var badEmail = GoodRow.Replace("anna.schmidt@example.de", "not-an-email", StringComparison.Ordinal);
        var noConsentPage = GoodRow.Replace("https://example.de/solar", "example.de/solar", StringComparison.Ordinal);
        var csv = string.Join('\n', Header, badEmail, GoodRow, noConsentPage) + "\n";

        var page = Render<NewBatch>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room']")));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "leads.csv"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='field-errors']")));
        var rows = page.FindAll("[data-testid='error-row']").Select(e => e.TextContent.Trim()).ToList();
        var columns = page.FindAll("[data-testid='error-column']").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["2", "4"], rows);
        Assert.Equal(["email", "source_url"], columns);
        Assert.Contains("2 problems in 2 rows", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-email", page.Markup, StringComparison.Ordinal);

        var submit = page.Find("[data-testid='list-batch']");
        Assert.True(submit.HasAttribute("disabled"));
        await using var db = App.Db();
        Assert.Equal(0, await db.Batches.CountAsync(b => b.PublisherId == PublisherId));
        Assert.Equal(0, await db.Leads.CountAsync(l => l.PublisherId == PublisherId));
    }

    [Fact]
    public async Task Valid_csv_is_listed_and_the_page_moves_to_the_new_batch()
    {
        var csv = string.Join('\n', Header, GoodRow, GoodRow) + "\n";

        var page = Render<NewBatch>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room']")));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "november-solar.csv"));
        page.WaitForAssertion(() => Assert.Contains("2 leads ready to list", page.Find("[data-testid='file-status']").TextContent, StringComparison.Ordinal));

        // Four rooms are seeded, so one has to be chosen before listing.
        page.Find("[data-testid='list-batch']").Click();
        page.WaitForAssertion(() => Assert.Contains("Choose the room", page.Markup, StringComparison.Ordinal));

        var rooms = await App.Services.GetRequiredService<RoomQueries>().ListRoomsAsync();
        var roomSelect = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => roomSelect.Instance.SelectOption(rooms[0].RoomId));
        page.Find("[data-testid='list-batch']").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("publisher/batches/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await using var db = App.Db();
        var batch = await db.Batches.SingleAsync(b => b.PublisherId == PublisherId);
        Assert.Equal("november-solar", batch.Name);
        Assert.Equal(2, batch.LeadCount);
        Assert.EndsWith($"publisher/batches/{batch.Id}", navigation.Uri, StringComparison.Ordinal);
    }
}
