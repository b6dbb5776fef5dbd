import { BackendBadge } from './BackendBadge';
import { BoxSizeSlider } from './BoxSizeSlider';
import { BusyState } from './BusyState';
import { DownloadButtons } from './DownloadButtons';
import { ErrorBanner } from './ErrorBanner';
import { HeatmapPanel } from './HeatmapPanel';
import { JointPicker } from './JointPicker';
import { KeypointTable } from './KeypointTable';
import { LayerToggles } from './LayerToggles';
import { ModelInfo } from './ModelInfo';
import { OpacitySlider } from './OpacitySlider';
import { PeopleList } from './PeopleList';
import { PerfStats } from './PerfStats';
import { PoseCanvas } from './PoseCanvas';
import { SourcePicker } from './SourcePicker';
import { StageScrubber } from './StageScrubber';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>Convolutional Pose Machines</h1>
        <p className="subtitle">Wei, Ramakrishna, Kanade, Sheikh (CVPR 2016), running in your browser</p>
        <BackendBadge />
        <ModelInfo />
      </header>
      <ErrorBanner />
      <SourcePicker />
      <main>
        <div className="stage-view">
          <PoseCanvas />
          <BusyState />
          <PerfStats />
        </div>
        <aside>
          <PeopleList />
          <StageScrubber />
          <JointPicker />
          <OpacitySlider />
          <BoxSizeSlider />
          <LayerToggles />
          <HeatmapPanel />
          <DownloadButtons />
          <KeypointTable />
        </aside>
      </main>
    </div>
  );
}
