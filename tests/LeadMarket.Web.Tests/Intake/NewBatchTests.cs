using Bunit;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Intake;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadMarket.Web.Tests.Intake;

public sealed class NewBatchTests : PublisherTestContext
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<IRenderedComponent<NewBatch>> RenderWithRoomAsync()
    {
        var page = Render<NewBatch>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room']")));
        var rooms = await App.Services.GetRequiredService<RoomQueries>().ListRoomsAsync();
        var roomSelect = page.FindComponents<MudSelect<Guid?>>().First();
        await page.InvokeAsync(() => roomSelect.Instance.SelectOption(rooms.First(r => r.VerticalSlug == TestListings.DefaultRoom).RoomId));
        return page;
    }

    [Fact]
    public async Task A_file_is_imported_row_by_row_the_rejected_rows_are_counted_and_the_page_moves_to_the_batch()
    {
        var csv = TestSubmissions.Csv([TestSubmissions.Valid(Now, 501), TestSubmissions.Valid(Now, 502) with { Email = "not-an-email" }, TestSubmissions.Valid(Now, 503)]);

        var page = await RenderWithRoomAsync();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "november-solar.csv"));
        page.WaitForAssertion(() => Assert.Contains("november-solar.csv", page.Find("[data-testid='file-status']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='mapping']"));
        page.Find("[data-testid='list-batch']").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("publisher/batches/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await using var db = App.Db();
        var batch = await db.Batches.SingleAsync(b => b.PublisherId == PublisherId);
        Assert.Equal(("november-solar", 2, 1, BatchStatus.Completed), (batch.Name, batch.LeadCount, batch.Rejected, batch.Status));
        Assert.EndsWith($"publisher/batches/{batch.Id}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_of_the_publisher_s_own_names_are_mapped_once_and_the_mapping_is_remembered()
    {
        var header = TestSubmissions.Header.Replace("first_name", "Vorname", StringComparison.Ordinal);
        var csv = header + "\n" + TestSubmissions.Row(TestSubmissions.Valid(Now, 601)) + "\n";

        var page = await RenderWithRoomAsync();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "own-columns.csv"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='mapping-row']")));
        Assert.Contains("Vorname", page.Find("[data-testid='mapping']").TextContent, StringComparison.Ordinal);
        var select = page.FindComponents<MudSelect<string>>().Single();
        await page.InvokeAsync(() => select.Instance.SelectOption("first_name"));
        page.Find("[data-testid='list-batch']").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("publisher/batches/", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await using (var db = App.Db())
        {
            Assert.Equal(1, (await db.Batches.SingleAsync(b => b.PublisherId == PublisherId)).LeadCount);
        }

        var remembered = await App.Services.GetRequiredService<CsvHeaderMappings>().ForPublisherAsync(PublisherId, default);
        Assert.Equal("first_name", remembered.Target("VORNAME"));
        await DisposeComponentsAsync();
        var again = await RenderWithRoomAsync();
        again.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "own-columns.csv"));
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("[data-testid='file-status']")));
        Assert.Empty(again.FindAll("[data-testid='mapping']"));
    }

    [Fact]
    public void A_file_without_a_header_is_reported_and_cannot_be_imported()
    {
        var page = Render<NewBatch>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='room']")));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("", "empty.csv"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='field-errors']")));
        Assert.True(page.Find("[data-testid='list-batch']").HasAttribute("disabled"));
    }
}
