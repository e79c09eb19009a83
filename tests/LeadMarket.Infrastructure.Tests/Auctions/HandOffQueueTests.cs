using LeadMarket.Infrastructure.Auctions;

namespace LeadMarket.Infrastructure.Tests.Auctions;

public sealed class HandOffQueueTests
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in()
    {
        using var queue = new HandOffQueue<int>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(queue.TryAdd(i));
        }

        var taken = new List<int>();
        while (queue.TryTake(out var item))
        {
            taken.Add(item);
        }

        Assert.Equal([0, 1, 2, 3, 4], taken);
    }

    [Fact]
    public async Task A_waiting_consumer_wakes_for_an_item_added_later()
    {
        using var queue = new HandOffQueue<string>();
        var consumer = Task.Factory.StartNew(
            () => queue.Take(out var item, CancellationToken.None) ? item : null,
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(50);
        Assert.False(consumer.IsCompleted);

        Assert.True(queue.TryAdd("bid"));

        Assert.Equal("bid", await consumer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Waiting_for_quiet_says_whether_an_item_came_and_takes_nothing()
    {
        using var queue = new HandOffQueue<int>();
        Assert.False(queue.Wait(TimeSpan.FromMilliseconds(20), CancellationToken.None)); // nothing came: quiet

        var waiter = Task.Factory.StartNew(
            () => queue.Wait(TimeSpan.FromSeconds(30), CancellationToken.None),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(50);
        Assert.False(waiter.IsCompleted);
        Assert.True(queue.TryAdd(7));
        Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(10))); // woken by the item, long before its 30 s

        Assert.True(queue.Wait(TimeSpan.FromSeconds(30), CancellationToken.None)); // still there: waiting took nothing
        Assert.True(queue.TryTake(out var item));
        Assert.Equal(7, item);

        queue.CompleteAdding();
        Assert.True(queue.Wait(TimeSpan.FromSeconds(30), CancellationToken.None)); // completed: Take ends at once
        Assert.False(queue.Take(out _, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_consumer_stops_when_its_token_is_cancelled()
    {
        using var queue = new HandOffQueue<int>();
        using var stopping = new CancellationTokenSource();
        var consumer = Task.Factory.StartNew(
            () => queue.Take(out _, stopping.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(50);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consumer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task After_adding_is_completed_nothing_more_is_taken_in_and_what_was_accepted_is_still_handed_out()
    {
        using var queue = new HandOffQueue<int>();
        Assert.True(queue.TryAdd(1));
        Assert.True(queue.TryAdd(2));
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var taken = new List<int>();
                while (queue.Take(out var item, CancellationToken.None))
                {
                    taken.Add(item);
                }

                return taken;
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        queue.CompleteAdding();

        Assert.False(queue.TryAdd(3));
        Assert.Equal([1, 2], await consumer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Every_item_accepted_while_producers_race_the_shutdown_reaches_the_consumer()
    {
        for (var round = 0; round < 20; round++)
        {
            using var queue = new HandOffQueue<int>();
            var taken = 0;
            var consumer = Task.Factory.StartNew(
                () =>
                {
                    while (queue.Take(out _, CancellationToken.None))
                    {
                        taken++;
                    }
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            using var go = new ManualResetEventSlim();
            var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
            {
                go.Wait();
                var accepted = 0;
                for (var i = 0; i < 20_000 && queue.TryAdd(i); i++)
                {
                    accepted++;
                }

                return accepted;
            })).ToArray();

            go.Set();
            await Task.Delay(round % 5);
            queue.CompleteAdding();
            var accepted = (await Task.WhenAll(producers)).Sum();
            await consumer.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(accepted, taken);
        }
    }
}
