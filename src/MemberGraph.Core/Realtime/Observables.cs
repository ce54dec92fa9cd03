namespace MemberGraph.Realtime;

/// <summary>The two operators subscriptions need (no Rx package): filter by event type, and map.</summary>
public static class Observables
{
    public static IObservable<TEvent> OfType<TEvent>(this IObservable<DomainEvent> source) where TEvent : DomainEvent =>
        new Filtered<TEvent>(source);

    private sealed class Filtered<TEvent>(IObservable<DomainEvent> source) : IObservable<TEvent> where TEvent : DomainEvent
    {
        public IDisposable Subscribe(IObserver<TEvent> observer) => source.Subscribe(new Forward(observer));

        private sealed class Forward(IObserver<TEvent> observer) : IObserver<DomainEvent>
        {
            public void OnCompleted() => observer.OnCompleted();

            public void OnError(Exception error) => observer.OnError(error);

            public void OnNext(DomainEvent value)
            {
                if (value is TEvent typed)
                {
                    observer.OnNext(typed);
                }
            }
        }
    }
}
