// 宿舍: the campus's buildings as a tree, and the chosen building's rooms floor by floor with each
// circuit's account, state and the credit its circuit last showed. A room opens as its customer
// (its accounts, sales and actions), as a search at the counter would.
import {
  CalendarOutlined,
  ControlOutlined,
  FileExcelOutlined,
  PlusOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Empty, Segmented, Space, Table, Tabs, Tag, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingSummary, RoomView } from '../../../../shared/api/dorms';
import type { CustomerMatch } from '../../../../shared/api/ledgerTypes';
import { formatEnergy, formatMoney } from '../../../../shared/units';
import { useMayCall } from '../../app/permissions';
import { CustomerDetail } from '../customers/CustomerDetail';
import { useLazyCustomerQuery } from '../ledger/ledgerApi';
import { AddPlace } from './AddPlace';
import { useDormRoomsQuery, useDormTreeQuery } from './dormsApi';
import { OpenRooms } from './OpenRooms';
import { PushControls } from './PushControls';
import { RoomControls } from './RoomControls';
import { RoomStudents } from './RoomStudents';
import { RoomImport } from './RoomImport';
import { CampusCalendar } from './CampusCalendar';
import { DormReportView } from './DormReportView';
import { MoveOut } from './MoveOut';
import { ReopenRooms } from './ReopenRooms';

const ALL_FLOORS = 'all';

export function DormsPanel() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const tree = useDormTreeQuery().data ?? [];
  const [chosen, setChosen] = useState<{ campusId: number; buildingId: number | null } | null>(
    null,
  );
  const [floor, setFloor] = useState<number | typeof ALL_FLOORS>(ALL_FLOORS);
  const [adding, setAdding] = useState<'campus' | 'building' | null>(null);
  // Campuses are shown open, new ones too, unless the operator folds one.
  const [folded, setFolded] = useState<string[]>([]);
  const [opening, setOpening] = useState(false);
  const [room, setRoom] = useState<{ customer: CustomerMatch; view: RoomView } | null>(null);
  const [pushing, setPushing] = useState(false);
  const [importingRooms, setImportingRooms] = useState(false);
  const [calendar, setCalendar] = useState(false);
  const [view, setView] = useState<'rooms' | 'report'>('rooms');
  const [ticked, setTicked] = useState<number[]>([]);
  const [movingOut, setMovingOut] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [fetchCustomer] = useLazyCustomerQuery();

  const campus = tree.find((c) => c.id === chosen?.campusId) ?? tree[0];
  const building: BuildingSummary | undefined = campus?.buildings.find(
    (b) => b.id === chosen?.buildingId,
  );
  const rooms = useDormRoomsQuery(
    { buildingId: building?.id ?? 0, ...(floor !== ALL_FLOORS && { floor }) },
    { skip: !building },
  );
  const treeData = tree.map((c) => ({
    key: `c${c.id}`,
    title: c.name,
    children: c.buildings.map((b) => ({
      key: `b${c.id}-${b.id}`,
      title: t('dorms.buildingRooms', { name: b.name, count: b.rooms }),
      isLeaf: true,
    })),
  }));

  const openRoom = async (view: RoomView) => {
    const found = await fetchCustomer({ id: view.customerId });
    if (found.data)
      setRoom({
        customer: {
          ...found.data,
          meterNos: view.circuits.map((c) => `${c.meterNo}-${c.circuit}`),
        },
        view,
      });
  };

  const mayManage = mayCall('dorms.openRooms');
  // Rooms ticked whose circuits all stand without an open account: they can be opened again.
  const vacantTicked = (rooms.data ?? []).filter(
    (r) => ticked.includes(r.id) && r.circuits.every((c) => c.accountState === null),
  );
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <div style={{ width: 260, flex: 'none' }}>
        <Space style={{ marginBottom: 8 }} wrap>
          {mayManage && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('campus')}>
              {t('dorms.addCampus')}
            </Button>
          )}
          {mayManage && campus && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('building')}>
              {t('dorms.addBuilding')}
            </Button>
          )}
          {tree.length > 0 && (
            <Button size="small" icon={<CalendarOutlined />} onClick={() => setCalendar(true)}>
              {t('dorms.calendar.button')}
            </Button>
          )}
        </Space>
        {tree.length === 0 ? (
          <Empty description={t('dorms.noCampus')} />
        ) : (
          <Tree
            blockNode
            expandedKeys={tree.map((c) => `c${c.id}`).filter((key) => !folded.includes(key))}
            onExpand={(_, { node, expanded }) =>
              setFolded((keys) =>
                expanded ? keys.filter((key) => key !== node.key) : [...keys, String(node.key)],
              )
            }
            treeData={treeData}
            selectedKeys={
              building ? [`b${campus!.id}-${building.id}`] : campus ? [`c${campus.id}`] : []
            }
            onSelect={([key]) => {
              const match = /^([cb])(\d+)(?:-(\d+))?$/.exec(String(key ?? ''));
              if (!match) return;
              setFloor(ALL_FLOORS);
              setChosen({
                campusId: Number(match[2]),
                buildingId: match[1] === 'b' ? Number(match[3]) : null,
              });
            }}
          />
        )}
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        {!building ? (
          <Empty description={t('dorms.chooseBuilding')} />
        ) : (
          <>
            <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {campus!.name} · {building.name}
              </Typography.Title>
              <Space>
                {mayCall('dorms.moveOut') && building.rooms > 0 && (
                  <Button danger onClick={() => setMovingOut(true)}>
                    {t('dorms.moveOut.button')}
                  </Button>
                )}
                {mayCall('dorms.pushControls') && building.rooms > 0 && (
                  <Button icon={<ControlOutlined />} onClick={() => setPushing(true)}>
                    {t('dorms.pushControls')}
                  </Button>
                )}
                {mayManage && (
                  <Button icon={<FileExcelOutlined />} onClick={() => setImportingRooms(true)}>
                    {t('dorms.importRooms')}
                  </Button>
                )}
                {mayManage && (
                  <Button type="primary" icon={<TeamOutlined />} onClick={() => setOpening(true)}>
                    {t('dorms.openRooms')}
                  </Button>
                )}
              </Space>
            </Space>
            <Tabs
              activeKey={view}
              onChange={(key) => setView(key as 'rooms' | 'report')}
              items={[
                { key: 'rooms', label: t('dorms.roomsTab') },
                ...(mayCall('dorms.report')
                  ? [{ key: 'report', label: t('dorms.report.tab') }]
                  : []),
              ]}
            />
            {view === 'report' ? (
              <DormReportView building={building} />
            ) : (
              <>
                {building.floors.length > 0 && (
                  <Segmented
                    style={{ marginBottom: 12 }}
                    value={String(floor)}
                    onChange={(value) =>
                      setFloor(value === ALL_FLOORS ? ALL_FLOORS : Number(value))
                    }
                    options={[
                      { value: ALL_FLOORS, label: t('dorms.allFloors') },
                      ...building.floors.map((f) => ({
                        value: String(f),
                        label: t('dorms.floorN', { floor: f }),
                      })),
                    ]}
                  />
                )}
                {vacantTicked.length > 0 && mayCall('dorms.reopenRooms') && (
                  <Button style={{ marginBottom: 8 }} onClick={() => setReopening(true)}>
                    {t('dorms.reopen.button', { count: vacantTicked.length })}
                  </Button>
                )}
                <Table<RoomView>
                  rowKey="id"
                  size="small"
                  rowSelection={{
                    selectedRowKeys: ticked,
                    onChange: (keys) => setTicked(keys.map(Number)),
                  }}
                  loading={rooms.isFetching}
                  dataSource={rooms.data ?? []}
                  pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                  scroll={{ y: 460 }}
                  onRow={(record) => ({
                    onClick: () => void openRoom(record),
                    style: { cursor: 'pointer' },
                  })}
                  locale={{ emptyText: t('dorms.noRooms') }}
                  columns={[
                    // No floor column: the room number begins with it, and the floors are above.
                    { title: t('dorms.room'), dataIndex: 'roomNo', width: 80 },
                    {
                      title: t('dorms.students.column'),
                      key: 'students',
                      width: 70,
                      render: (_, r) => `${r.students} / ${r.beds}`,
                    },
                    { title: t('customers.customerNo'), dataIndex: 'customerNo', width: 95 },
                    {
                      title: t('dorms.circuit'),
                      key: 'circuit',
                      render: (_, r) =>
                        r.circuits
                          .map((c) =>
                            c.purpose === 'all'
                              ? `${c.meterNo}-${c.circuit}`
                              : `${t(`dorms.purposes.${c.purpose}`)} ${c.circuit}`,
                          )
                          .join('，'),
                    },
                    {
                      title: t('dorms.account'),
                      key: 'account',
                      width: 110,
                      render: (_, r) => r.circuits.map((c) => c.accountNo ?? '—').join(' '),
                    },
                    {
                      title: t('customers.accountState'),
                      key: 'state',
                      width: 90,
                      // A room's circuits usually share one state: shown once, each other one beside.
                      render: (_, r) => {
                        const states = [...new Set(r.circuits.map((c) => c.accountState))];
                        return states.map((state) =>
                          state ? (
                            <Tag key={state} color={state === 'active' ? 'green' : 'default'}>
                              {t(`customers.state.${state}`)}
                            </Tag>
                          ) : (
                            <Tag key="vacant">{t('dorms.vacant')}</Tag>
                          ),
                        );
                      },
                    },
                    {
                      title: t('dorms.credit'),
                      key: 'credit',
                      width: 105,
                      align: 'right',
                      render: (_, r) =>
                        r.circuits
                          .map((c) =>
                            c.meterRemainingFen === null ? '—' : formatMoney(c.meterRemainingFen),
                          )
                          .join(', '),
                    },
                    {
                      // From the line's readings (the poll, a batch read): '—' until read today.
                      title: t('dorms.usedToday'),
                      key: 'usedToday',
                      width: 105,
                      align: 'right',
                      render: (_, r) =>
                        r.circuits
                          .map((c) =>
                            c.usedToday === null ? '—' : `${formatEnergy(c.usedToday)} kWh`,
                          )
                          .join(', '),
                    },
                  ]}
                />
              </>
            )}
          </>
        )}
      </div>
      {adding && (
        <AddPlace
          campusId={adding === 'building' ? (campus?.id ?? null) : null}
          onAdded={(id) => {
            // The new place is where the office goes next: a campus to add buildings to, a
            // building to open rooms in.
            const campusId = adding === 'building' ? campus!.id : id;
            setChosen({ campusId, buildingId: adding === 'building' ? id : null });
            setFloor(ALL_FLOORS);
          }}
          onClose={() => setAdding(null)}
        />
      )}
      {opening && building && <OpenRooms building={building} onClose={() => setOpening(false)} />}
      {calendar && <CampusCalendar onClose={() => setCalendar(false)} />}
      {movingOut && building && (
        <MoveOut building={building} roomIds={ticked} onClose={() => setMovingOut(false)} />
      )}
      {reopening && building && (
        <ReopenRooms
          building={building}
          roomIds={vacantTicked.map((r) => r.id)}
          onClose={(done) => {
            setReopening(false);
            if (done) setTicked([]);
          }}
        />
      )}
      {importingRooms && building && (
        <RoomImport building={building} onClose={() => setImportingRooms(false)} />
      )}
      {pushing && building && (
        <PushControls building={building} onClose={() => setPushing(false)} />
      )}
      <Drawer
        open={room !== null}
        size={760}
        title={room ? `${room.customer.customerNo} · ${room.customer.name}` : ''}
        onClose={() => setRoom(null)}
        destroyOnHidden
      >
        {room && (
          <Tabs
            items={[
              {
                key: 'accounts',
                label: t('dorms.accountsTab'),
                children: <CustomerDetail customer={room.customer} />,
              },
              {
                key: 'students',
                label: t('dorms.students.tab'),
                children: <RoomStudents room={room.view} />,
              },
              {
                key: 'controls',
                label: t('dorms.controlsTab'),
                children: <RoomControls room={room.view} />,
              },
            ]}
          />
        )}
      </Drawer>
    </div>
  );
}

export default DormsPanel;
